package dev.modelregistry.s3;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.storage.ModelStorageProvider;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Opens {@code s3://bucket/prefix} for registry URIs: options {@code endpoint} (an S3-compatible server,
 * addressed path-style as MinIO and Ceph expect; AWS's own endpoint and virtual-hosted addressing without
 * it) and {@code region}. Credentials come from the AWS SDK's default chain (environment variables
 * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, profiles, roles), never from the URI.
 * Registered through {@code META-INF/services}. Stateless and thread-safe.
 */
public final class S3StorageProvider implements ModelStorageProvider {
    private static final Set<String> OPTIONS = Set.of("endpoint", "region");

    /** For {@link java.util.ServiceLoader}; registries find this provider by the {@code s3} scheme. */
    public S3StorageProvider() {
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public ModelStorage open(URI location, Map<String, String> options) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(options, "options");
        if (!"s3".equalsIgnoreCase(location.getScheme()) || location.getHost() == null) {
            throw new InvalidArgumentException("not an S3 location (s3://bucket/prefix): " + location);
        }
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new InvalidArgumentException("unknown S3 option '" + key + "' in the registry URI; known: "
                        + OPTIONS);
            }
        }
        String path = location.getPath() == null ? "" : location.getPath();
        String prefix = path.replaceAll("^/+", "").replaceAll("/+$", "");
        S3Storage.Builder b = S3Storage.builder().bucket(location.getHost()).prefix(prefix);
        if (options.containsKey("endpoint")) {
            b.endpoint(URI.create(options.get("endpoint"))).pathStyle(true);
        }
        if (options.containsKey("region")) {
            b.region(options.get("region"));
        }
        return b.build();
    }
}

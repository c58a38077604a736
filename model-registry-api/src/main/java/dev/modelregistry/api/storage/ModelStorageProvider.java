package dev.modelregistry.api.storage;

import java.net.URI;
import java.util.Map;

/**
 * Opens a {@link ModelStorage} named by a URI, for registries opened from a registry URI (such as
 * {@code postgresql://db/registry?storage=s3://bucket/prefix}). A storage module registers one provider
 * per URI scheme through {@link java.util.ServiceLoader} ({@code META-INF/services}); the registry finds it
 * by {@link #scheme()}, so that its core needs no compile-time dependency on the module.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface ModelStorageProvider {

    /**
     * The URI scheme this provider opens, lower case, such as {@code s3}.
     *
     * @return the scheme
     */
    String scheme();

    /**
     * Opens the store at {@code location}.
     *
     * @param location the store's URI, of this provider's scheme
     * @param options further settings from the registry URI (for S3: {@code endpoint}, {@code region}), none
     *     of them secrets; a provider refuses one it does not know
     * @return the store; the caller closes it if it is {@link AutoCloseable}
     * @throws dev.modelregistry.api.InvalidArgumentException if the location or an option is malformed or
     *     unknown
     */
    ModelStorage open(URI location, Map<String, String> options);
}

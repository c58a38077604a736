package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code model-versions/create} {@code source} may name. MLflow's sources ({@code runs:/},
 * {@code s3://}, {@code mlflow-artifacts:/}) point into an MLflow tracking server's artifact store, which this
 * server cannot reach, so it accepts only bytes it can read itself:
 * <ul>
 *   <li>{@code models:/<name>/<version>} or {@code models:/<name>@<alias>}: the artifact of a version in this
 *       registry, registered again (storage is content-addressed, so no bytes are copied); the new version
 *       keeps its format;</li>
 *   <li>this server's own download URL of a version, as {@code model-versions/get-download-uri} answers it,
 *       so that a client can copy a version by the URI it was given;</li>
 *   <li>{@code sha256:<64 hex>}: an artifact already in this registry's storage, for example uploaded through
 *       {@code /api/v1};</li>
 *   <li>{@code file:} URIs and absolute paths, only below a directory the operator named
 *       ({@link MlflowRoutes#group(Path)}), resolved without following links out of it, because otherwise a
 *       writer could register any file the server can read.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable.
 */
final class VersionSources {
    /** The bytes of a source and, when it is a version of this registry, that version's metadata. */
    record Source(InputStream content, Optional<ModelMetadata> metadata) {
    }

    /** This server's {@code /api/v1} download URL of a version: host, model, version. */
    private static final Pattern OWN_DOWNLOAD = Pattern.compile(
            "https?://([^/]+)/api/v1/models/([^/]+)/versions/([0-9]{1,9})/artifact");

    private final Optional<Path> fileRoot;

    VersionSources(Optional<Path> fileRoot) {
        this.fileRoot = fileRoot;
    }

    /**
     * Opens a source.
     *
     * @param registry the registry whose versions and storage a source may name
     * @param source the source
     * @param host the request's {@code Host}, which a download URL of this server carries
     */
    Source open(ModelRegistry registry, String source, String host) {
        Matcher own = OWN_DOWNLOAD.matcher(source);
        if (own.matches() && own.group(1).equalsIgnoreCase(host)) {
            // What get-download-uri answers: a client that copies a version may send it back as the source.
            return version(registry, ModelRef.version(URLDecoder.decode(own.group(2), StandardCharsets.UTF_8),
                    Integer.parseInt(own.group(3))));
        }
        if (source.startsWith("models:/")) {
            return version(registry, ModelRef.parse(source.substring("models:/".length())));
        }
        if (source.startsWith("sha256:")) {
            ArtifactDigest digest = ArtifactDigest.parse(source);
            StoredArtifact stored = registry.storage().stat(digest).orElseThrow(() -> new InvalidArgumentException(
                    "source " + source + " is not in this registry's storage", new ArtifactNotFoundException(
                            "no artifact " + digest)));
            return new Source(registry.storage().read(stored.info()), Optional.empty());
        }
        if (source.startsWith("file:") || source.startsWith("/")) {
            return new Source(openFile(source), Optional.empty());
        }
        throw new InvalidArgumentException("source '" + source + "' cannot be read by this server: use "
                + "models:/<name>/<version>, sha256:<digest> of an artifact in its storage"
                + (fileRoot.isPresent() ? ", or a file below " + fileRoot.get() : ""));
    }

    private static Source version(ModelRegistry registry, ModelRef ref) {
        ModelVersion v = registry.versions().get(ref);
        return new Source(registry.storage().read(v.artifact()), Optional.of(v.metadata()));
    }

    private InputStream openFile(String source) {
        if (fileRoot.isEmpty()) {
            throw new InvalidArgumentException("source '" + source + "': this server takes no file sources "
                    + "(none was configured); use models:/<name>/<version> or sha256:<digest>");
        }
        try {
            Path path = source.startsWith("file:") ? Path.of(new URI(source)) : Path.of(source);
            Path root = fileRoot.get().toRealPath();
            Path real = path.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real)) {
                throw new InvalidArgumentException("source '" + source + "' is not a regular file below " + root);
            }
            return Files.newInputStream(real);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidArgumentException("source '" + source + "' is not a valid file URI", e);
        } catch (IOException e) {
            throw new InvalidArgumentException("source '" + source + "' cannot be read: " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }
}

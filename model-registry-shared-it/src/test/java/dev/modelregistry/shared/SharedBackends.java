package dev.modelregistry.shared;

import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.s3.S3Storage;
import dev.modelregistry.s3.SharedS3;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registries on PostgreSQL metadata and S3 artifacts, one pair of backends per registry directory: a new
 * database on core's {@link PostgresServer} and a new prefix on the test bucket of {@link SharedS3} the first
 * time a directory is opened, the same pair whenever it is opened again (as a host would reopen its registry).
 *
 * <p>Thread-safe.
 */
public final class SharedBackends implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    /** Where one registry directory keeps its metadata and its artifacts. */
    public record Backend(String jdbcUrl, S3Storage storage) {
    }

    private final SharedS3 s3;
    private final Map<Path, Backend> byDirectory = new ConcurrentHashMap<>();
    private final List<S3Storage> opened = new ArrayList<>();

    /**
     * Backends on the given S3 server and core's shared PostgreSQL server.
     *
     * @param s3 a started {@link SharedS3}
     */
    public SharedBackends(SharedS3 s3) {
        this.s3 = s3;
    }

    /**
     * Backends as a test class's extension, with the S3 server of its own {@link SharedS3}: register it with
     * {@code @RegisterExtension static final SharedBackends BACKENDS = new SharedBackends();}. It starts the
     * server before the class's tests and closes its stores after them.
     */
    public SharedBackends() {
        this(new SharedS3());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        s3.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * The S3 server's address, for child JVMs.
     *
     * @return the endpoint
     */
    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /**
     * The backends of a directory, made on first use.
     *
     * @param dir the registry directory
     * @return its database and store
     */
    public Backend backend(Path dir) {
        return byDirectory.computeIfAbsent(dir, d -> {
            S3Storage storage = s3.storage();
            synchronized (opened) {
                opened.add(storage);
            }
            return new Backend(PostgresServer.newDatabase(), storage);
        });
    }

    /**
     * A builder for the registry in {@code dir} on its PostgreSQL database and S3 prefix.
     *
     * @param dir the registry directory
     * @return the builder; the caller may set more before {@code open()}
     */
    public ModelRegistry.Builder builder(Path dir) {
        Backend b = backend(dir);
        return ModelRegistry.builder(dir).postgres(b.jdbcUrl(), "", "").storage(b.storage());
    }

    /** Closes every store this made (the registries do not close the stores they are given). */
    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(S3Storage::close);
            opened.clear();
        }
        byDirectory.clear();
    }
}

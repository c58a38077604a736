package dev.modelregistry.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 server for the tests: s3proxy, in-process, on a random free port, path-style, with SigV4
 * authentication, backed by jclouds' {@code filesystem} blobstore in a temporary directory (so a test can damage
 * an object's bytes on disk, and big objects do not live on the heap). One server and one bucket serve the
 * whole test run (started on first use, stopped when JUnit closes its root store); each store a test makes
 * gets a fresh random prefix, so tests never see each other's objects.
 *
 * <p>Register it with {@code @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();}.
 */
final class S3ProxyExtension implements BeforeAllCallback {
    static final String BUCKET = S3ProxyServer.BUCKET;
    static final String ACCESS_KEY = S3ProxyServer.ACCESS_KEY;
    static final String SECRET_KEY = S3ProxyServer.SECRET_KEY;

    private Server server;

    /** A running s3proxy and where it keeps its files. */
    record Server(S3Proxy proxy, BlobStoreContext context, URI endpoint, Path baseDir)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            proxy.stop();
            context.close();
        }

        /** The file that holds an object of the test bucket (jclouds' filesystem layout: base/bucket/key). */
        Path file(String key) {
            return baseDir.resolve(BUCKET).resolve(key);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Server.class, k -> start(), Server.class);
    }

    private static Server start() {
        S3ProxyServer s = S3ProxyServer.start();
        return new Server(s.proxy(), s.context(), s.endpoint(), s.baseDir());
    }

    Server server() {
        if (server == null) {
            throw new IllegalStateException("S3ProxyExtension is not registered (@RegisterExtension static)");
        }
        return server;
    }

    /** Settings for a store under a fresh prefix of the test bucket; tests add their own before build(). */
    S3Storage.Builder builder() {
        return S3Storage.builder()
                .bucket(BUCKET)
                .prefix("t/" + UUID.randomUUID())
                .endpoint(server().endpoint())
                .pathStyle(true)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    /** A store under a fresh prefix of the test bucket. */
    S3Storage storage() {
        return builder().build();
    }
}

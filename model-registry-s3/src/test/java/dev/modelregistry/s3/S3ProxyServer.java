package dev.modelregistry.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 server without JUnit: s3proxy in-process on a random free port, path-style, with SigV4
 * authentication, backed by jclouds' {@code filesystem} blobstore in a temporary directory, with one bucket.
 * {@link S3ProxyExtension} starts it for the tests; the benchmarks start it themselves.
 *
 * @param proxy the running proxy
 * @param context the blobstore behind it
 * @param endpoint its address
 * @param baseDir where it keeps objects (base/bucket/key)
 */
public record S3ProxyServer(S3Proxy proxy, BlobStoreContext context, URI endpoint, Path baseDir)
        implements AutoCloseable {
    /** The bucket the server holds. */
    public static final String BUCKET = "registry-test";
    /** Its access key. */
    public static final String ACCESS_KEY = "test-access-key";
    /** Its secret key. */
    public static final String SECRET_KEY = "test-secret-key";

    /**
     * Starts a server with an empty bucket {@link #BUCKET}.
     *
     * @return the running server
     */
    public static S3ProxyServer start() {
        try {
            Path base = Files.createTempDirectory("s3proxy-");
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", base.toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                    .credentials("unused", "unused").overrides(props).build(BlobStoreContext.class);
            context.getBlobStore().createContainerInLocation(null, BUCKET);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            proxy.start();
            if (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            return new S3ProxyServer(proxy, context, URI.create("http://127.0.0.1:" + proxy.getPort()), base);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
    }

    /**
     * Settings for a store on this server's bucket under {@code prefix}.
     *
     * @param prefix the key prefix
     * @return the builder
     */
    public S3Storage.Builder storage(String prefix) {
        return S3Storage.builder().bucket(BUCKET).prefix(prefix).endpoint(endpoint).pathStyle(true)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}

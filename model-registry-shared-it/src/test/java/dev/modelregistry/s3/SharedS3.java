package dev.modelregistry.s3;

import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * model-registry-s3's {@link S3ProxyExtension} (from its test-jar) for tests of other packages: one in-process
 * s3proxy for the whole run, a fresh bucket prefix per store. Child JVMs reach the same server through
 * {@link #storage(URI, String)} with the endpoint and prefix the parent hands them.
 *
 * <p>Register it with {@code @RegisterExtension static final SharedS3 S3 = new SharedS3();}. Thread-safe once
 * started.
 */
public final class SharedS3 implements BeforeAllCallback {
    /** The test bucket. */
    public static final String BUCKET = S3ProxyExtension.BUCKET;
    /** The server's access key, for a client built from configuration (a registry URI). */
    public static final String ACCESS_KEY = S3ProxyExtension.ACCESS_KEY;
    /** The server's secret key. */
    public static final String SECRET_KEY = S3ProxyExtension.SECRET_KEY;
    private final S3ProxyExtension s3 = new S3ProxyExtension();

    @Override
    public void beforeAll(ExtensionContext context) {
        s3.beforeAll(context);
    }

    /**
     * A store under a fresh prefix of the test bucket.
     *
     * @return the store; the caller closes it
     */
    public S3Storage storage() {
        return s3.storage();
    }

    /**
     * The running server's address.
     *
     * @return the endpoint, path-style
     */
    public URI endpoint() {
        return s3.server().endpoint();
    }

    /**
     * A store on the test bucket of the server at {@code endpoint}, under {@code prefix}: what a child JVM opens
     * to share its parent's store.
     *
     * @param endpoint the server, from {@link #endpoint()}
     * @param prefix   the prefix, from the parent's store ({@link S3Storage#prefix()})
     * @return the store; the caller closes it
     */
    public static S3Storage storage(URI endpoint, String prefix) {
        return builder(endpoint, prefix).build();
    }

    /**
     * Like {@link #storage(URI, String)}, for a caller that sets more (a smaller part size, say).
     *
     * @param endpoint the server, from {@link #endpoint()}
     * @param prefix   the prefix, from the parent's store ({@link S3Storage#prefix()})
     * @return the builder of the store
     */
    public static S3Storage.Builder builder(URI endpoint, String prefix) {
        return S3Storage.builder().bucket(S3ProxyExtension.BUCKET).prefix(prefix).endpoint(endpoint).pathStyle(true)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyExtension.ACCESS_KEY,
                        S3ProxyExtension.SECRET_KEY)));
    }
}

package dev.modelregistry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.s3.S3Storage;
import dev.modelregistry.s3.SharedS3;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry URI names PostgreSQL and S3 together: the S3 store is found by its scheme through
 * model-registry-s3's provider, its credentials come from the AWS SDK's default chain (here the
 * {@code aws.accessKeyId} and {@code aws.secretAccessKey} system properties), and a version registered
 * through it lands in the bucket under the prefix.
 */
class SharedRegistryUriTest {
    @RegisterExtension
    static final SharedS3 S3 = new SharedS3();

    @TempDir
    Path dir;

    @Test
    void a_postgresql_uri_with_s3_storage_keeps_artifacts_in_the_bucket_under_its_prefix() {
        String jdbc = PostgresServer.newDatabase();
        String prefix = "uri-test/" + System.nanoTime();
        URI uri = URI.create(jdbc.substring("jdbc:".length()) + "&dir=" + dir.resolve("host").toUri().getPath()
                + "&storage=s3://" + SharedS3.BUCKET + "/" + prefix + "&endpoint=" + S3.endpoint());
        System.setProperty("aws.accessKeyId", SharedS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SharedS3.SECRET_KEY);
        try (ModelRegistry registry = ModelRegistry.open(uri);
                S3Storage bucket = SharedS3.storage(S3.endpoint(), prefix)) {
            ModelVersion v = registry.versions().register("m", "bytes in S3".getBytes(StandardCharsets.UTF_8),
                    ModelMetadata.of("bytes"));
            assertThat(bucket.stat(v.artifact().digest())).as("the blob under the URI's prefix").isPresent();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}

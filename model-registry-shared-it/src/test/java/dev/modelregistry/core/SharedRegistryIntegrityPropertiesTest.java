package dev.modelregistry.core;

import dev.modelregistry.s3.SharedS3;
import dev.modelregistry.shared.SharedBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Core's {@link RegistryIntegrityPropertiesTest}, every property of it, with each registry on PostgreSQL
 * metadata and S3 artifacts: its state machine's register, alias, rollback, delete, rename, export and import,
 * gc, reopen and deployment steps must agree with the same reference model as on the embedded registry.
 */
class SharedRegistryIntegrityPropertiesTest extends RegistryIntegrityPropertiesTest {
    @RegisterExtension
    static final SharedS3 S3 = new SharedS3();
    private static SharedBackends backends;

    @BeforeAll
    static void onSharedBackends() {
        backends = new SharedBackends(S3);
        backend = backends::builder;
    }

    @AfterAll
    static void backToEmbedded() {
        backend = ModelRegistry::builder;
        backends.close();
    }
}

package dev.modelregistry.shared;

import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.s3.SharedS3;
import dev.modelregistry.testkit.contract.VersionManagerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testkit's {@link VersionManagerContract} against a registry on PostgreSQL metadata and S3 artifacts
 * together: one new database and bucket prefix per registry directory, the same ones when it is reopened.
 */
class SharedVersionManagerContractTest extends VersionManagerContract {
    @RegisterExtension
    static final SharedS3 S3 = new SharedS3();
    private static SharedBackends backends;
    private ModelRegistry registry;

    @AfterAll
    static void closeStores() {
        if (backends != null) {
            backends.close();
        }
    }

    @Override
    protected VersionManager createVersionManager(Path dir) {
        synchronized (SharedVersionManagerContractTest.class) {
            if (backends == null) {
                backends = new SharedBackends(S3);
            }
        }
        registry = backends.builder(dir).open();
        return registry.versions();
    }

    @Override
    protected void close(VersionManager versions) {
        registry.close();
    }
}

package dev.modelregistry.core.deployment;

import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.s3.SharedS3;
import dev.modelregistry.shared.SharedBackends;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testkit's {@code DeployerContract} against the deployer of a registry on PostgreSQL metadata and S3
 * artifacts together.
 */
class SharedDeployerContractTest extends RegistryDeployerContract {
    @RegisterExtension
    static final SharedS3 S3 = new SharedS3();
    private static SharedBackends backends;

    @AfterAll
    static void closeStores() {
        if (backends != null) {
            backends.close();
        }
    }

    @Override
    protected ModelRegistry.Builder builder(Path dir) {
        synchronized (SharedDeployerContractTest.class) {
            if (backends == null) {
                backends = new SharedBackends(S3);
            }
        }
        return backends.builder(dir);
    }
}

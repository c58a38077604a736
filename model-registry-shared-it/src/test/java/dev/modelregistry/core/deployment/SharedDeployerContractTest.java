package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.s3.SharedS3;
import dev.modelregistry.shared.SharedBackends;
import dev.modelregistry.testkit.contract.DeployerContract;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testkit's {@link DeployerContract} against the deployer of a registry on PostgreSQL metadata and S3
 * artifacts together (core's {@link Fixtures} register the versions, as in its own contract tests).
 */
class SharedDeployerContractTest extends DeployerContract {
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
    protected Deployer createDeployer(Path dir) {
        synchronized (SharedDeployerContractTest.class) {
            if (backends == null) {
                backends = new SharedBackends(S3);
            }
        }
        registry = backends.builder(dir).open();
        return registry.deployer();
    }

    @Override
    protected ModelRef.Numbered registerConstant(String model, double value) {
        return Fixtures.linear(registry, model, value, 0, 0);
    }

    @Override
    protected Optional<ModelRef.Numbered> registerRejected(String model, double value) {
        ModelRef.Numbered v = Fixtures.numbered(registry.versions().register(model,
                LinearTestCodec.artifact(value, 0, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT)));
        return Optional.of(Fixtures.evaluated(registry, v, Recommendation.REJECT, "contract: fails its gates"));
    }

    @Override
    protected void close(Deployer deployer) {
        registry.close();
    }
}

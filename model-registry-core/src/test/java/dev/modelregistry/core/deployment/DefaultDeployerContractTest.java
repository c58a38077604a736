package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.testkit.contract.DeployerContract;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.version.ModelMetadata;
import java.nio.file.Path;
import java.util.Optional;

/** Runs the testkit's {@link DeployerContract} against the registry's deployer. */
class DefaultDeployerContractTest extends DeployerContract {
    private ModelRegistry registry;

    @Override
    protected Deployer createDeployer(Path dir) {
        registry = ModelRegistry.open(dir);
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

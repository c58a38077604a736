package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.testkit.contract.DeployerContract;
import java.nio.file.Path;

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
    protected void close(Deployer deployer) {
        registry.close();
    }
}

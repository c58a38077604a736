package dev.modelregistry.core.deployment;

import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;

/** Runs the testkit's {@code DeployerContract} against the embedded registry's deployer. */
class DefaultDeployerContractTest extends RegistryDeployerContract {
    @Override
    protected ModelRegistry.Builder builder(Path dir) {
        return ModelRegistry.builder(dir);
    }
}

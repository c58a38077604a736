package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.testkit.contract.DeployerContract;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The testkit's {@link DeployerContract} against the deployer of a {@link ModelRegistry}: subclasses say only
 * how the registry in a directory is built (which backends), and versions are registered with core's
 * {@link Fixtures} whatever the backend.
 */
abstract class RegistryDeployerContract extends DeployerContract {
    private ModelRegistry registry;

    /**
     * The builder of the registry in {@code dir}, on the same backends whenever {@code dir} is opened again.
     *
     * @param dir the registry directory
     * @return the builder
     */
    protected abstract ModelRegistry.Builder builder(Path dir);

    @Override
    protected final Deployer createDeployer(Path dir) {
        registry = builder(dir).open();
        return registry.deployer();
    }

    @Override
    protected final ModelRef.Numbered registerConstant(String model, double value) {
        return Fixtures.linear(registry, model, value, 0, 0);
    }

    @Override
    protected final Optional<ModelRef.Numbered> registerRejected(String model, double value) {
        ModelRef.Numbered v = Fixtures.numbered(registry.versions().register(model,
                LinearTestCodec.artifact(value, 0, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT)));
        return Optional.of(Fixtures.evaluated(registry, v, Recommendation.REJECT, "contract: fails its gates"));
    }

    @Override
    protected final void close(Deployer deployer) {
        registry.close();
    }
}

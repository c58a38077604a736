package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.testkit.contract.DeployerContract;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the testkit's {@link DeployerContract} against the deployer of a registry whose metadata is in a real
 * PostgreSQL server: one new database per registry directory, the same one when a directory is reopened.
 */
class PostgresDeployerContractTest extends DeployerContract {
    private final Map<Path, String> databases = new HashMap<>();
    private ModelRegistry registry;

    @Override
    protected Deployer createDeployer(Path dir) {
        String url = databases.computeIfAbsent(dir, d -> PostgresServer.newDatabase());
        registry = ModelRegistry.builder(dir).postgres(url, "", "").open();
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

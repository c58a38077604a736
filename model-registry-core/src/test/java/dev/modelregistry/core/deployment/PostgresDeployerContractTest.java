package dev.modelregistry.core.deployment;

import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import java.nio.file.Path;

/**
 * Runs the testkit's {@code DeployerContract} against the deployer of a registry whose metadata is in a real
 * PostgreSQL server: one new database per registry directory, the same one when a directory is reopened.
 */
class PostgresDeployerContractTest extends RegistryDeployerContract {
    @Override
    protected ModelRegistry.Builder builder(Path dir) {
        return ModelRegistry.builder(dir).postgres(PostgresServer.databaseOf(dir), "", "");
    }
}

package dev.modelregistry.core;

import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.testkit.contract.VersionManagerContract;
import java.nio.file.Path;

/**
 * Runs the testkit's {@link VersionManagerContract} against a registry whose metadata is in a real PostgreSQL
 * server: one new database per registry directory, the same database when a directory is opened again.
 */
class PostgresVersionManagerContractTest extends VersionManagerContract {
    private ModelRegistry registry;

    @Override
    protected VersionManager createVersionManager(Path dir) {
        registry = ModelRegistry.builder(dir).postgres(PostgresServer.databaseOf(dir), "", "").open();
        return registry.versions();
    }

    @Override
    protected void close(VersionManager versions) {
        registry.close();
    }
}

package dev.modelregistry.core;

import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.testkit.contract.VersionManagerContract;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the testkit's {@link VersionManagerContract} against a registry whose metadata is in a real PostgreSQL
 * server: one new database per registry directory, the same database when a directory is opened again.
 */
class PostgresVersionManagerContractTest extends VersionManagerContract {
    private final Map<Path, String> databases = new HashMap<>();
    private ModelRegistry registry;

    @Override
    protected VersionManager createVersionManager(Path dir) {
        String url = databases.computeIfAbsent(dir, d -> PostgresServer.newDatabase());
        registry = ModelRegistry.builder(dir).postgres(url, "", "").open();
        return registry.versions();
    }

    @Override
    protected void close(VersionManager versions) {
        registry.close();
    }
}

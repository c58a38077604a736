package dev.modelregistry.core;

import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.testkit.contract.VersionManagerContract;
import java.nio.file.Path;

/** Runs the testkit's {@link VersionManagerContract} against the SQLite version manager of a registry. */
class SqliteVersionManagerContractTest extends VersionManagerContract {
    private ModelRegistry registry;

    @Override
    protected VersionManager createVersionManager(Path dir) {
        registry = ModelRegistry.open(dir);
        return registry.versions();
    }

    @Override
    protected void close(VersionManager versions) {
        registry.close();
    }
}

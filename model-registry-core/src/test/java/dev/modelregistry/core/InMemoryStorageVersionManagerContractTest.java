package dev.modelregistry.core;

import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.testkit.contract.VersionManagerContract;
import dev.modelregistry.testkit.storage.InMemoryModelStorage;
import java.nio.file.Path;

/**
 * The version contract through a registry whose blobs live in a second {@code ModelStorage}
 * implementation, given to the builder: the storage seam carries the whole version life cycle.
 */
class InMemoryStorageVersionManagerContractTest extends VersionManagerContract {
    private ModelRegistry registry;

    @Override
    protected VersionManager createVersionManager(Path dir) {
        registry = ModelRegistry.builder(dir).storage(new InMemoryModelStorage()).open();
        return registry.versions();
    }

    @Override
    protected void close(VersionManager versions) {
        registry.close();
    }
}

package dev.modelregistry.testkit.storage;

import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.testkit.contract.ModelStorageContract;
import java.nio.file.Path;

/** The in-memory store keeps the same contract as the file-system one. */
class InMemoryModelStorageContractTest extends ModelStorageContract {
    @Override
    protected ModelStorage createStorage(Path dir) {
        return new InMemoryModelStorage();
    }
}

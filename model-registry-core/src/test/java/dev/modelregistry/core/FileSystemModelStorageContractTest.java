package dev.modelregistry.core;

import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.testkit.contract.ModelStorageContract;
import java.nio.file.Path;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;

/** Runs the testkit's {@link ModelStorageContract} against the file-system store. */
class FileSystemModelStorageContractTest extends ModelStorageContract {
    @Override
    protected ModelStorage createStorage(Path dir) {
        return FileSystemModelStorage.open(dir);
    }
}

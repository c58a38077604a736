package dev.modelregistry.s3;

import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.testkit.contract.ModelStorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit's storage contract against a real S3 server (s3proxy), each test under a fresh prefix. */
class S3StorageContractTest extends ModelStorageContract {
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    private S3Storage storage;

    @Override
    protected ModelStorage createStorage(Path dir) {
        storage = S3.storage();
        return storage;
    }

    @AfterEach
    void closeClient() {
        storage.close();
    }
}

package dev.modelregistry.core.deployment;

import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.metadata.PostgresServer;

/**
 * Every live-accuracy test again, with the registry's metadata in a real PostgreSQL server: one new database
 * per test, the same one when the test reopens the registry.
 */
class PostgresLiveAccuracyTest extends LiveAccuracyTest {
    private String url;

    @Override
    ModelRegistry.Builder builder() {
        if (url == null) {
            url = PostgresServer.newDatabase();
        }
        return ModelRegistry.builder(dir).postgres(url, "", "");
    }
}

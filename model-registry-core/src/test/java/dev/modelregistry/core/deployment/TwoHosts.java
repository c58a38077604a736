package dev.modelregistry.core.deployment;

import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.internal.metadata.PostgresServer;
import dev.modelregistry.testkit.storage.InMemoryModelStorage;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Two registries on the same data, as two processes or two hosts open them: the set-up of the tests of
 * what one registry sees of another's work. Closing closes both.
 *
 * @param a the first registry
 * @param b the second registry
 */
record TwoHosts(ModelRegistry a, ModelRegistry b) implements AutoCloseable {

    /** Two registries on one directory, as two processes open it. */
    static TwoHosts onOneDirectory(Path dir) {
        Path shared = dir.resolve("shared");
        return open(() -> ModelRegistry.open(shared), () -> ModelRegistry.open(shared));
    }

    /** Two hosts on a new PostgreSQL database and one artifact store, each with a directory of its own. */
    static TwoHosts onPostgres(Path dir) {
        return onPostgres(dir, UnaryOperator.identity());
    }

    /** As {@link #onPostgres(Path)}, each builder first given {@code options}. */
    static TwoHosts onPostgres(Path dir, UnaryOperator<ModelRegistry.Builder> options) {
        String url = PostgresServer.newDatabase();
        InMemoryModelStorage store = new InMemoryModelStorage();
        return open(() -> options.apply(ModelRegistry.builder(dir.resolve("a"))).postgres(url, "", "").storage(store)
                .open(), () -> options.apply(ModelRegistry.builder(dir.resolve("b"))).postgres(url, "", "")
                .storage(store).open());
    }

    private static TwoHosts open(java.util.function.Supplier<ModelRegistry> first,
            java.util.function.Supplier<ModelRegistry> second) {
        ModelRegistry a = first.get();
        try {
            return new TwoHosts(a, second.get());
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}

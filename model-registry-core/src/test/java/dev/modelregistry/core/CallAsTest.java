package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.ModelMetadata;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelRegistry#callAs}: a server acting for many principals through one registry gets each change
 * recorded under the principal that made it, on the calling thread only, with scopes restored after nesting.
 */
class CallAsTest {
    @TempDir
    Path dir;

    @Test
    void changes_in_a_scope_name_its_actor_and_nothing_leaks_to_other_threads_or_after_it() throws Exception {
        try (ModelRegistry registry = ModelRegistry.builder(dir).actor("service").open()) {
            var versions = registry.versions();
            registry.callAs("alice", () -> versions.register("m", new byte[] {1}, ModelMetadata.of("bytes")));
            registry.callAs("bob", () -> {
                versions.setModelTag("m", "owner", "bob");
                // Another thread started inside the scope does not inherit it.
                CompletableFuture.runAsync(() -> versions.setModelTag("m", "other", "thread")).join();
                registry.callAs("carol", () -> versions.setAlias("m", "champion", 1));
                return versions.setModelTag("m", "after", "nested");
            });
            versions.setModelTag("m", "outside", "scope");

            assertThat(registry.audit().forModel("m")).extracting(e -> e.operation() + ":" + e.actor())
                    .containsExactly("register:alice", "set-model-tag:bob", "set-model-tag:service",
                            "set-alias:carol", "set-model-tag:bob", "set-model-tag:service");
            assertThat(versions.get(dev.modelregistry.api.ModelRef.parse("m/1")).createdBy()).isEqualTo("alice");
            assertThat(versions.aliasHistory("m", "champion")).extracting(AliasChange::actor)
                    .containsExactly("carol");
            assertThatThrownBy(() -> registry.callAs(" ", () -> 1)).isInstanceOf(InvalidArgumentException.class);
            assertThat(registry.audit().forModel("m")).extracting(AuditEntry::actor).doesNotContain(" ");
        }
    }
}

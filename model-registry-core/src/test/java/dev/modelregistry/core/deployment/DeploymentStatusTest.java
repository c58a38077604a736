package dev.modelregistry.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.core.ModelRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentStatusTest {
    @TempDir
    Path dir;

    @Test
    void a_version_says_where_it_is_deployed_now() {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            ModelRef.Numbered v1 = Fixtures.constantOwnNumber(registry, "m");
            ModelRef.Numbered v2 = Fixtures.constantOwnNumber(registry, "m");
            registry.deployer().deploy(v1, "production", DeploymentSpec.replace());
            registry.deployer().deploy(v1, "staging", DeploymentSpec.replace());
            registry.deployer().deploy(v2, "production", DeploymentSpec.canary(10));

            assertThat(registry.versions().get(v1).deployment().stateByEnvironment())
                    .isEqualTo(Map.of("production", "ACTIVE", "staging", "ACTIVE"));
            assertThat(registry.versions().get(v2).deployment().stateByEnvironment())
                    .isEqualTo(Map.of("production", "CANARY"));

            String before = dev.modelregistry.core.TestSnapshots.of(registry);
            assertThatThrownBy(() -> registry.versions().deleteVersion("m", 1))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("production");
            assertThatThrownBy(() -> registry.versions().deleteModel("m")).isInstanceOf(ConflictException.class);
            assertThat(dev.modelregistry.core.TestSnapshots.of(registry)).isEqualTo(before);

            registry.deployer().rollback("production", "test");
            registry.deployer().undeploy("staging");
            assertThat(registry.versions().get(v2).deployment().stateByEnvironment()).isEmpty();
            assertThat(registry.versions().get(v1).deployment().stateByEnvironment())
                    .isEqualTo(Map.of("production", "ACTIVE"));
            assertThat(registry.versions().deleteVersion("m", 2).isLive()).isFalse();
        }
    }
}

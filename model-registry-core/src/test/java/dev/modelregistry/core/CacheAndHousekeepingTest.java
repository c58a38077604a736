package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.TrainingInfo;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.core.codec.BytesModel;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.maintenance.Finding;
import dev.modelregistry.api.maintenance.CacheStats;

class CacheAndHousekeepingTest {
    @TempDir
    Path dir;

    @Test
    void the_cache_is_bounded_by_bytes_and_reports_hits_misses_and_evictions() {
        try (ModelRegistry registry = ModelRegistry.builder(dir).cacheMaxBytes(250_000).open()) {
            for (int i = 1; i <= 3; i++) {
                registry.versions().register("m", new ByteArrayInputStream(new byte[100_000 + i]),
                        ModelMetadata.of("bytes"));
            }
            registry.models().load(ModelRef.parse("m/1"));
            registry.models().load(ModelRef.parse("m/1"));
            registry.models().load(ModelRef.parse("m/2"));
            registry.models().load(ModelRef.parse("m/3"));
            registry.models().load(ModelRef.parse("m/3"));

            CacheStats stats = registry.cacheStats();
            assertThat(stats.hits()).isEqualTo(2);
            assertThat(stats.misses()).isEqualTo(3);
            assertThat(stats.evictions()).isGreaterThanOrEqualTo(1);
            assertThat(stats.weightBytes()).isLessThanOrEqualTo(250_000);
            assertThat(stats.maxWeightBytes()).isEqualTo(250_000);
        }
    }

    @Test
    void a_model_whose_codec_is_missing_names_the_module_to_add() {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            registry.versions().register("x", new byte[] {1}, ModelMetadata.builder("xgboost-ubjson")
                    .training(TrainingInfo.of("xgboost", "3.4.0", Map.of())).build());
            assertThatThrownBy(() -> registry.models().load(ModelRef.parse("x")))
                    .isInstanceOf(UnsupportedFormatException.class)
                    .hasMessageContaining("xgboost-ubjson")
                    .hasMessageContaining("model-registry-trainer-xgboost");
        }
    }

    @Test
    void verify_finds_leftovers_and_gc_removes_them_but_never_a_live_blob() throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            registry.versions().register("m", new byte[] {1, 2, 3}, ModelMetadata.of("bytes"));
            Files.write(dir.resolve("tmp").resolve("crashed-write.tmp"), new byte[10]);
            // A blob written by a registration whose transaction never committed.
            registry.storage().write(new ByteArrayInputStream(new byte[] {7, 7, 7}));

            VerifyReport report = registry.verify();
            assertThat(report.healthy()).isTrue();
            assertThat(report.findings(Finding.Kind.LEFTOVER_TEMP)).hasSize(1);
            assertThat(report.findings(Finding.Kind.UNREFERENCED_BLOB)).hasSize(1);

            assertThat(registry.gc()).as("young leftovers are left alone").isEqualTo(new GcReport(0, 0, 0));
            assertThat(registry.gc(Duration.ZERO)).isEqualTo(new GcReport(1, 1, 13));
            assertThat(registry.verify().findings()).isEmpty();
            assertThat(registry.models().load(ModelRef.parse("m")).unwrap(BytesModel.class).bytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void identical_artifacts_are_stored_once() throws Exception {
        try (ModelRegistry registry = ModelRegistry.open(dir)) {
            registry.versions().register("a", new byte[] {5, 5}, ModelMetadata.of("bytes"));
            registry.versions().register("b", new byte[] {5, 5}, ModelMetadata.of("bytes"));
            try (var blobs = registry.storage().list()) {
                assertThat(blobs).hasSize(1);
            }
        }
    }

    @Test
    void a_closed_registry_says_so() {
        ModelRegistry registry = ModelRegistry.open(dir);
        registry.close();
        assertThatThrownBy(() -> registry.versions().models()).isInstanceOf(RegistryClosedException.class);
    }
}

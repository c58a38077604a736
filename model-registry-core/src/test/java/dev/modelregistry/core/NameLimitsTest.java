package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.version.ModelMetadata;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any name {@link Names} accepts works in every operation, up to the longest: the validator is the only place
 * that decides what a name may be, so no operation may quietly need a shorter or plainer one (file names of
 * automatic backups and archives were the last such place).
 */
class NameLimitsTest {
    @TempDir
    Path dir;

    /** Builds a name of the given length from the repeating pattern, so it holds every allowed character. */
    private static String cycle(String first, String pattern, int length) {
        StringBuilder s = new StringBuilder(first);
        while (s.length() < length) {
            s.append(pattern);
        }
        return s.substring(0, length);
    }

    static List<String> names() {
        return List.of(
                // Every character class ([A-Za-z0-9._-]) at the longest length allowed.
                cycle("Zz9", "aB3_-.", Names.MAX_NAME_LENGTH),
                cycle("7", "x.Y-z_", Names.MAX_NAME_LENGTH),
                "0model.v1_final-B",
                "x",
                // Just past the length where backups start shortening the name in the file name.
                cycle("m", "-_.q", 166));
    }

    @ParameterizedTest
    @MethodSource("names")
    void every_accepted_name_survives_every_operation(String name) {
        assertThat(Names.requireModelName(name)).isEqualTo(name);
        String alias = cycle("A", "b_9-", Names.MAX_NAME_LENGTH);
        // The renamed-to name is as long and as varied, differing only in its last character.
        String renamed = name.substring(0, name.length() - 1) + (name.endsWith("R") ? "S" : "R");
        Path archive = dir.resolve("export.zip");
        try (ModelRegistry first = ModelRegistry.open(dir.resolve("first"))) {
            var versions = first.versions();
            versions.register(name, new byte[] {1}, ModelMetadata.of("bytes"));
            versions.register(name, new byte[] {2}, ModelMetadata.of("bytes"));
            versions.setAlias(name, alias, 1);
            versions.setAlias(name, alias, 2);
            assertThat(versions.aliasHistory(name, alias)).hasSize(2);
            assertThat(versions.get(ModelRef.alias(name, alias)).version()).isEqualTo(2);

            versions.deleteVersion(name, 1);
            assertThat(first.backups().automaticBackups()).hasSize(1);
            assertThat(first.backups().automaticBackups().get(0).getFileName().toString().length())
                    .isLessThanOrEqualTo(255);

            assertThat(first.backups().exportModel(name, archive).versions()).isEqualTo(1);
            try (ModelRegistry second = ModelRegistry.builder(dir.resolve("second")).trustKey(first.publicKey())
                    .open()) {
                second.backups().importArchive(archive);
                assertThat(second.versions().versions(name)).extracting(v -> v.version()).containsExactly(2);
                assertThat(second.versions().get(ModelRef.alias(name, alias)).version()).isEqualTo(2);
                second.versions().deleteModel(name);
                assertThat(second.versions().models()).isEmpty();
            }

            versions.renameModel(name, renamed);
            assertThat(versions.versions(renamed)).hasSize(1);
            assertThat(first.audit().forModel(renamed)).isNotEmpty();
            versions.deleteModel(renamed);
            assertThat(versions.models()).isEmpty();
            assertThat(first.backups().automaticBackups()).hasSize(2);
        }
    }

    @Test
    void a_fixed_registry_clock_does_not_stop_gc_from_removing_unreferenced_blobs() {
        // gc compares file times with the system clock, not the registry's: a test clock fixed in the past
        // used to make every blob look as if it were written in the future, so gc(ZERO) removed nothing.
        Clock past = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (ModelRegistry registry = ModelRegistry.builder(dir.resolve("clocked")).clock(past).open()) {
            registry.versions().register("m", new byte[] {1, 2, 3}, ModelMetadata.of("bytes"));
            registry.versions().register("m", new byte[] {4, 5, 6}, ModelMetadata.of("bytes"));
            registry.versions().deleteVersion("m", 1);
            assertThat(registry.gc(Duration.ZERO).blobsRemoved()).isEqualTo(1);
            assertThat(registry.versions().versions("m")).hasSize(1);
        }
    }
}

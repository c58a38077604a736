package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.AliasNotFoundException;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.VersionNotFoundException;
import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.FeatureChange;
import dev.modelregistry.api.version.FeatureSchema;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.api.version.VersionDiff;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.api.version.VersionState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRulesTest {
    @TempDir
    Path dir;
    ModelRegistry registry;
    VersionManager versions;

    @BeforeEach
    void open() {
        registry = ModelRegistry.builder(dir).actor("alice").open();
        versions = registry.versions();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    ModelVersion register(String model) {
        return versions.register(model, IntegrityTest.payload(versions.find(ModelRef.latest(model))
                .map(ModelVersion::version).orElse(0) + 7), ModelMetadata.of("bytes"));
    }

    @Nested
    class Numbers {
        @Test
        void a_deleted_version_no_longer_resolves() {
            register("a");
            versions.deleteVersion("a", 1);
            assertThatThrownBy(() -> versions.get(ModelRef.parse("a/1")))
                    .isInstanceOf(VersionNotFoundException.class).hasMessageContaining("deleted");
            assertThatThrownBy(() -> versions.get(ModelRef.parse("a")))
                    .isInstanceOf(VersionNotFoundException.class);
        }
    }

    @Nested
    class Aliases {
        @Test
        void point_at_a_version_and_resolve() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 1);

            assertThat(versions.get(ModelRef.parse("a@champion")).version()).isEqualTo(1);
            assertThat(versions.get(ModelRef.parse("a")).version()).isEqualTo(2);
            assertThat(versions.get(ModelRef.parse("a@latest")).version()).isEqualTo(2);
            assertThat(versions.get(ModelRef.parse("a@v1")).version()).isEqualTo(1);
            assertThat(versions.get(ModelRef.parse("a/1")).aliases()).containsExactly("champion");
            assertThat(versions.model("a").aliases()).containsEntry("champion", 1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"latest", "LATEST", "v1", "V12", "v007"})
        void reserved_names_are_refused(String alias) {
            register("a");
            String before = RegistrySnapshot.of(registry);
            assertThatThrownBy(() -> versions.setAlias("a", alias, 1))
                    .isInstanceOf(InvalidNameException.class).hasMessageContaining("reserved");
            assertThat(RegistrySnapshot.of(registry)).isEqualTo(before);
        }

        @Test
        void deleting_a_version_removes_its_aliases_and_records_why() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 2);
            versions.setAlias("a", "challenger", 1);
            versions.deleteVersion("a", 2);

            assertThat(versions.model("a").aliases()).containsOnlyKeys("challenger");
            assertThatThrownBy(() -> versions.get(ModelRef.parse("a@champion")))
                    .isInstanceOf(AliasNotFoundException.class);
            assertThat(versions.aliasHistory("a", "champion")).last()
                    .satisfies(c -> assertThat(c.reason()).isEqualTo("version deleted"))
                    .satisfies(c -> assertThat(c.target()).isEmpty());
        }

        @Test
        void rollback_walks_back_through_the_alias_history() {
            register("a");
            register("a");
            register("a");
            versions.setAlias("a", "champion", 1);
            versions.setAlias("a", "champion", 2);
            versions.setAlias("a", "champion", 3);

            assertThat(versions.rollback("a", "champion").version()).isEqualTo(2);
            assertThat(versions.rollback("a", "champion").version()).isEqualTo(1);
            assertThatThrownBy(() -> versions.rollback("a", "champion"))
                    .isInstanceOf(AliasNotFoundException.class).hasMessageContaining("no earlier target");

            List<AliasChange> history = versions.aliasHistory("a", "champion");
            assertThat(history).extracting(AliasChange::reason)
                    .containsExactly("set", "set", "set", "rollback", "rollback");
            assertThat(history).extracting(AliasChange::actor).containsOnly("alice");
        }

        @Test
        void rollback_after_a_new_move_returns_to_the_target_before_that_move() {
            register("a");
            register("a");
            register("a");
            versions.setAlias("a", "champion", 1);
            versions.setAlias("a", "champion", 2);
            versions.rollback("a", "champion");
            versions.setAlias("a", "champion", 3);

            assertThat(versions.rollback("a", "champion").version()).isEqualTo(1);
        }

        @Test
        void rollback_to_a_deleted_version_is_a_conflict_and_changes_nothing() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 1);
            versions.setAlias("a", "champion", 2);
            versions.deleteVersion("a", 1);
            String before = RegistrySnapshot.of(registry);

            assertThatThrownBy(() -> versions.rollback("a", "champion")).isInstanceOf(ConflictException.class);
            assertThat(RegistrySnapshot.of(registry)).isEqualTo(before);
        }
    }

    @Nested
    class TagsRenameAndCompare {
        @Test
        void tags_on_versions_and_models() {
            register("a");
            versions.setVersionTag(ModelRef.parse("a/1"), "stage", "candidate");
            versions.setModelTag("a", "owner", "quant-team");

            assertThat(versions.get(ModelRef.parse("a/1")).tags()).containsEntry("stage", "candidate");
            assertThat(versions.model("a").tags()).containsEntry("owner", "quant-team");
            assertThat(versions.removeVersionTag(ModelRef.parse("a/1"), "stage").tags()).isEmpty();
            assertThat(versions.removeModelTag("a", "owner").tags()).isEmpty();
        }

        @Test
        void documents_attach_to_a_version_and_must_be_json() {
            register("a");
            versions.putDocument(ModelRef.parse("a/1"), "evaluation", "{\"rmse\": 0.1}");
            versions.putDocument(ModelRef.parse("a/1"), "evaluation", "{\"rmse\": 0.2}");
            assertThat(versions.documents(ModelRef.parse("a/1"))).containsExactly(
                    Map.entry("evaluation", "{\"rmse\": 0.2}"));
            String before = RegistrySnapshot.of(registry);
            assertThatThrownBy(() -> versions.putDocument(ModelRef.parse("a/1"), "bad", "{not json"))
                    .isInstanceOf(dev.modelregistry.api.InvalidArgumentException.class).hasMessageContaining("JSON");
            assertThat(RegistrySnapshot.of(registry)).isEqualTo(before);
        }

        @Test
        void rename_keeps_versions_aliases_and_tags_and_refuses_a_taken_name() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 2);
            versions.setModelTag("a", "owner", "q");
            register("b");

            assertThatThrownBy(() -> versions.renameModel("a", "b")).isInstanceOf(AlreadyExistsException.class);
            versions.renameModel("a", "c");

            assertThat(versions.get(ModelRef.parse("c@champion")).version()).isEqualTo(2);
            assertThat(versions.model("c").tags()).containsEntry("owner", "q");
            assertThat(versions.versions("c")).hasSize(2);
            assertThatThrownBy(() -> versions.model("a")).isInstanceOf(ModelNotFoundException.class);
            assertThat(register("c").version()).isEqualTo(3);
        }

        @Test
        void compare_reports_hyper_parameters_metrics_with_deltas_features_and_tags() {
            versions.register("a", new byte[] {1}, ModelMetadata.builder("bytes")
                    .training(TrainingInfo.of("xgboost", "3.4.0", Map.of("eta", "0.3", "depth", "6")))
                    .metric("rmse", 0.50).metric("mae", 0.4)
                    .features(FeatureSchema.numeric("y", "ret_1", "ret_5", "vol_20")).build());
            versions.register("a", new byte[] {2}, ModelMetadata.builder("bytes")
                    .training(TrainingInfo.of("xgboost", "3.4.0", Map.of("eta", "0.1", "depth", "6", "lambda", "1")))
                    .metric("rmse", 0.25).metric("hit_rate", 0.55)
                    .features(FeatureSchema.numeric("y", "ret_5", "ret_1", "rsi_14")).build());
            versions.setVersionTag(ModelRef.parse("a/2"), "stage", "candidate");

            VersionDiff diff = versions.compare(ModelRef.parse("a/1"), ModelRef.parse("a/2"));

            assertThat(diff.sameArtifact()).isFalse();
            assertThat(diff.hyperParameters()).containsOnlyKeys("eta", "lambda");
            assertThat(diff.hyperParameters().get("eta").before()).contains("0.3");
            assertThat(diff.hyperParameters().get("lambda").before()).isEmpty();
            assertThat(diff.metrics().get("rmse").delta()).hasValueSatisfying(
                    d -> assertThat(d).isCloseTo(-0.25, org.assertj.core.data.Offset.offset(1e-12)));
            assertThat(diff.metrics().get("hit_rate").delta()).isEmpty();
            assertThat(diff.metrics().get("mae").after()).isEmpty();
            assertThat(diff.features()).extracting(FeatureChange::feature, FeatureChange::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("ret_1", FeatureChange.Kind.MOVED),
                    org.assertj.core.groups.Tuple.tuple("ret_5", FeatureChange.Kind.MOVED),
                    org.assertj.core.groups.Tuple.tuple("rsi_14", FeatureChange.Kind.ADDED),
                    org.assertj.core.groups.Tuple.tuple("vol_20", FeatureChange.Kind.REMOVED));
            assertThat(diff.tags().get("stage").after()).contains("candidate");
            assertThat(diff.fields()).isEmpty();
        }

        @Test
        void metadata_round_trips_through_the_database() {
            ModelMetadata meta = ModelMetadata.builder("bytes").modelType("xgboost-regressor")
                    .description("next-day DAX return")
                    .training(new TrainingInfo("xgboost", "3.4.0", Map.of("eta", "0.1"), Optional.of("abc"), 1000,
                            Optional.of(java.time.Instant.parse("1991-05-10T00:00:00Z")), Optional.empty(),
                            Optional.of(java.time.Duration.ofMillis(1234)), Optional.of(87)))
                    .metric("rmse", 0.1).property("git", "abc123")
                    .features(FeatureSchema.numeric("y", "x1", "x2")).build();
            ModelVersion v = versions.register("a", new byte[] {1, 2, 3}, meta);
            assertThat(v.metadata()).isEqualTo(meta);
            assertThat(versions.get(v.ref()).metadata()).isEqualTo(meta);
        }

        @Test
        void every_change_writes_an_audit_row() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 1);
            versions.setAlias("a", "champion", 2);
            versions.rollback("a", "champion");
            versions.deleteVersion("a", 1);

            assertThat(registry.audit().forModel("a")).extracting(e -> e.operation()).containsExactly(
                    "register", "register", "set-alias", "set-alias", "rollback-alias", "remove-alias",
                    "delete-version");
            assertThat(registry.audit().forModel("a")).allSatisfy(e -> assertThat(e.actor()).isEqualTo("alice"));
        }
    }
}

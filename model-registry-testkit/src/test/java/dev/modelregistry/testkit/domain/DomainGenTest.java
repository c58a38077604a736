package dev.modelregistry.testkit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.version.FeatureSchema;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainGenTest {

    private static final long SEED = 20261126L;

    // ---------------------------------------------------------------- names

    @Test
    void model_names_pass_the_naming_rules() {
        Property.forAll(DomainGen.modelNames()).check(name -> {
            assertThat(Names.requireModelName(name)).isEqualTo(name);
            assertThat(name.length()).isBetween(1, Names.MAX_NAME_LENGTH);
            assertThat(name).doesNotContain("..");
            assertThat(ModelRef.latest(name).toString()).isEqualTo(name);
            assertThat(ModelRef.parse(name + "/1")).isEqualTo(ModelRef.version(name, 1));
        });
    }

    @Test
    void model_names_are_mostly_short_but_reach_the_limit() {
        List<String> names = DomainGen.modelNames().samples(SEED, 2_000);
        assertThat(names.stream().filter(n -> n.length() <= 16).count()).isGreaterThan(1_000);
        assertThat(names).anyMatch(n -> n.length() == 1);
        assertThat(names).anyMatch(n -> n.length() == Names.MAX_NAME_LENGTH);
        assertThat(names).anyMatch(n -> n.contains("."));
        assertThat(names).anyMatch(n -> n.contains("-") || n.contains("_"));
    }

    @Test
    void invalid_model_names_are_rejected() {
        Property.forAll(DomainGen.invalidModelNames()).check(name -> {
            assertThatThrownBy(() -> Names.requireModelName(name)).isInstanceOf(InvalidNameException.class);
            assertThatThrownBy(() -> ModelRef.latest(name)).isInstanceOf(InvalidNameException.class);
        });
    }

    @Test
    void invalid_model_names_cover_every_kind_of_flaw() {
        List<String> names = DomainGen.invalidModelNames().samples(SEED, 3_000);
        assertThat(names).anyMatch(n -> n.contains("/"));
        assertThat(names).anyMatch(n -> n.contains("\\"));
        assertThat(names).anyMatch(n -> n.contains(".."));
        assertThat(names).anyMatch(n -> n.contains("%"));
        assertThat(names).anyMatch(n -> n.chars().anyMatch(Character::isISOControl));
        assertThat(names).anyMatch(String::isEmpty);
        assertThat(names).anyMatch(n -> n.length() > Names.MAX_NAME_LENGTH);
        assertThat(names).anyMatch(n -> n.startsWith("."));
        assertThat(names).anyMatch(n -> n.chars().anyMatch(c -> c > 0x7F));
    }

    @Test
    void alias_names_are_valid_and_never_reserved() {
        Property.forAll(DomainGen.aliasNames()).check(alias -> {
            assertThat(Names.requireAliasName(alias)).isEqualTo(alias);
            assertThat(Names.isReservedAlias(alias)).isFalse();
            assertThat(ModelRef.parse("m@" + alias)).isEqualTo(ModelRef.alias("m", alias));
        });
    }

    @Test
    void reserved_alias_names_are_reserved() {
        Property.forAll(DomainGen.reservedAliasNames()).check(alias -> {
            assertThat(Names.isReservedAlias(alias)).isTrue();
            assertThatThrownBy(() -> Names.requireAliasName(alias)).isInstanceOf(InvalidNameException.class);
            // m@latest and m@v3 read as what they name; m@v0 and m@v<10+ digits> are refused, never an alias.
            try {
                assertThat(ModelRef.parse("m@" + alias)).isNotInstanceOf(ModelRef.Aliased.class);
            } catch (InvalidArgumentException refused) {
                assertThat(alias.substring(1)).satisfiesAnyOf(
                        digits -> assertThat(digits).matches("0+"),
                        digits -> assertThat(digits.length()).isGreaterThan(9));
            }
        });
        List<String> samples = DomainGen.reservedAliasNames().samples(SEED, 500);
        assertThat(samples).anyMatch(a -> a.equalsIgnoreCase("latest") && !a.equals("latest"));
        assertThat(samples).anyMatch(a -> a.startsWith("V"));
        assertThat(samples).anyMatch(a -> a.startsWith("v"));
    }

    // ---------------------------------------------------------------- tags and metrics

    @Test
    void tag_keys_and_values_pass_the_rules() {
        Property.forAll(DomainGen.tagKeys(), DomainGen.tagValues()).check((key, value) -> {
            assertThat(Names.requireTagKey(key)).isEqualTo(key);
            assertThat(Names.requireTagValue(value)).isEqualTo(value);
            assertThat(value.codePointCount(0, value.length())).isLessThanOrEqualTo(300);
        });
        List<String> values = DomainGen.tagValues().samples(SEED, 2_000);
        assertThat(values).anyMatch(String::isEmpty);
        assertThat(values).anyMatch(v -> v.contains("\t"));
        assertThat(values).anyMatch(v -> v.chars().anyMatch(c -> c > 0x7F));
        assertThat(values).anyMatch(v -> v.codePoints().anyMatch(Character::isSupplementaryCodePoint));
        assertThat(values).anyMatch(v -> v.length() > 100);
    }

    @Test
    void tag_maps_are_valid_model_properties() {
        Property.forAll(DomainGen.tags()).check(tags -> {
            assertThat(tags.size()).isLessThanOrEqualTo(8);
            tags.forEach((k, v) -> {
                Names.requireTagKey(k);
                Names.requireTagValue(v);
            });
            ModelMetadata m = ModelMetadata.builder("bytes").build();
            ModelMetadata withProperties = new ModelMetadata(m.formatId(), m.modelType(), m.description(),
                    m.training(), m.metrics(), m.features(), m.lineage(), tags);
            assertThat(withProperties.properties()).isEqualTo(tags);
        });
    }

    @Test
    void metrics_have_valid_names_and_finite_values() {
        Property.forAll(DomainGen.metrics()).check(metrics -> {
            metrics.forEach((name, value) -> {
                assertThat(Names.requireMetricName(name)).isEqualTo(name);
                assertThat(Double.isFinite(value)).as("%s = %s", name, value).isTrue();
            });
            assertThat(ModelMetadata.builder("bytes").metrics(metrics).build().metrics()).isEqualTo(metrics);
        });
    }

    @Test
    void invalid_names_are_refused_as_tag_keys_and_metric_names_too() {
        Property.forAll(DomainGen.invalidModelNames()).check(name -> {
            assertThatThrownBy(() -> Names.requireTagKey(name)).isInstanceOf(InvalidNameException.class);
            assertThatThrownBy(() -> ModelMetadata.builder("bytes").metric(name, 1.0).build())
                    .isInstanceOf(InvalidArgumentException.class);
        });
    }

    // ---------------------------------------------------------------- metadata

    @Test
    void feature_schemas_have_distinct_names_and_rebuild_equal() {
        Property.forAll(DomainGen.featureSchemas()).check(schema -> {
            assertThat(schema.features()).doesNotHaveDuplicates();
            assertThat(schema.features().stream().map(f -> f.name()).distinct().count())
                    .isEqualTo(schema.features().size());
            assertThat(new FeatureSchema(schema.features(), schema.target(), schema.timeColumn())).isEqualTo(schema);
            schema.features().forEach(f -> assertThat(schema.feature(f.name())).contains(f));
        });
    }

    @Test
    void training_infos_rebuild_equal_and_keep_end_after_start() {
        Property.forAll(DomainGen.trainingInfos()).check(info -> {
            TrainingInfo copy = new TrainingInfo(info.trainerId(), info.libraryVersion(), info.hyperParameters(),
                    info.datasetFingerprint(), info.rowCount(), info.dataStart(), info.dataEnd(), info.trainingTime(),
                    info.bestIteration());
            assertThat(copy).isEqualTo(info);
            assertThat(info.rowCount()).isNotNegative();
            info.datasetFingerprint().ifPresent(f -> assertThat(f).matches("[0-9a-f]{64}"));
            if (info.dataStart().isPresent() && info.dataEnd().isPresent()) {
                assertThat(info.dataEnd().get()).isAfterOrEqualTo(info.dataStart().get());
            }
        });
    }

    @Test
    void metadata_builds_through_the_builder_with_the_same_content() {
        Property.forAll(DomainGen.metadata()).check(m -> {
            ModelMetadata.Builder b = ModelMetadata.builder(m.formatId()).modelType(m.modelType())
                    .description(m.description()).metrics(m.metrics()).features(m.features()).lineage(m.lineage());
            m.training().ifPresent(b::training);
            m.properties().forEach(b::property);
            assertThat(b.build()).isEqualTo(m);
            Names.requireIdentifier("format id", m.formatId());
            m.lineage().parents().forEach(p -> assertThat(ModelRef.parse(p)).isInstanceOf(ModelRef.Numbered.class));
        });
    }

    @Test
    void metadata_exercises_every_optional_part() {
        List<ModelMetadata> all = DomainGen.metadata().samples(SEED, 500);
        assertThat(all).anyMatch(m -> m.training().isPresent());
        assertThat(all).anyMatch(m -> m.training().isEmpty());
        assertThat(all).anyMatch(m -> m.training().flatMap(TrainingInfo::dataStart).isPresent());
        assertThat(all).anyMatch(m -> m.training().flatMap(TrainingInfo::dataEnd).isPresent());
        assertThat(all).anyMatch(m -> m.training().flatMap(TrainingInfo::trainingTime).isPresent());
        assertThat(all).anyMatch(m -> m.training().flatMap(TrainingInfo::bestIteration).isPresent());
        assertThat(all).anyMatch(m -> m.training().flatMap(TrainingInfo::datasetFingerprint).isPresent());
        assertThat(all).anyMatch(m -> !m.metrics().isEmpty());
        assertThat(all).anyMatch(m -> !m.features().features().isEmpty());
        assertThat(all).anyMatch(m -> m.features().target().isPresent());
        assertThat(all).anyMatch(m -> m.features().timeColumn().isPresent());
        assertThat(all).anyMatch(m -> !m.lineage().parents().isEmpty());
        assertThat(all).anyMatch(m -> !m.lineage().datasets().isEmpty());
        assertThat(all).anyMatch(m -> m.lineage().source().isPresent());
        assertThat(all).anyMatch(m -> !m.properties().isEmpty());
        assertThat(all).anyMatch(m -> !m.description().isEmpty());
        assertThat(all).anyMatch(m -> !m.formatId().equals(m.modelType()));
    }

    // ---------------------------------------------------------------- artifacts and datasets

    @Test
    void artifacts_come_in_many_sizes_weighted_toward_small() {
        Property.forAll(DomainGen.artifacts()).check(bytes -> assertThat(bytes.length).isBetween(0, 64 * 1024));
        List<byte[]> samples = DomainGen.artifacts().samples(SEED, 1_000);
        assertThat(samples).anyMatch(b -> b.length == 0);
        assertThat(samples).anyMatch(b -> b.length == 1);
        assertThat(samples).anyMatch(b -> b.length > 4_096);
        assertThat(samples.stream().filter(b -> b.length <= 64).count()).isGreaterThan(500);
    }

    @Test
    void artifacts_are_fresh_arrays_and_reproducible_from_the_seed() {
        Gen<byte[]> gen = DomainGen.artifacts();
        List<byte[]> first = gen.samples(SEED, 50);
        List<byte[]> second = gen.samples(SEED, 50);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i)).isEqualTo(second.get(i));
            if (first.get(i).length > 0) {
                assertThat(first.get(i)).isNotSameAs(second.get(i));
            }
        }
    }

    @Test
    void datasets_have_consistent_shapes_and_increasing_time() {
        Property.forAll(DomainGen.datasets()).check(d -> {
            int features = d.featureNames().size();
            assertThat(features).isBetween(1, 8);
            assertThat(d.featureNames()).doesNotHaveDuplicates().allMatch(n -> !n.isBlank());
            assertThat(d.labels()).hasSize(d.rowCount());
            assertThat(d.timeIndex()).hasSize(d.rowCount());
            for (double[] row : d.rows()) {
                assertThat(row).hasSize(features);
            }
            for (double label : d.labels()) {
                assertThat(Double.isFinite(label)).isTrue();
            }
            long[] t = d.timeIndex();
            for (int i = 1; i < t.length; i++) {
                assertThat(t[i]).isGreaterThan(t[i - 1]);
            }
        });
    }

    @Test
    void datasets_sometimes_hold_nan_and_infinities() {
        List<DatasetSample> samples = DomainGen.datasets().samples(SEED, 300);
        assertThat(samples).anyMatch(d -> d.rowCount() == 0);
        assertThat(samples).anyMatch(d -> values(d).anyMatch(Double::isNaN));
        assertThat(samples).anyMatch(d -> values(d).anyMatch(v -> v == Double.POSITIVE_INFINITY));
        assertThat(samples).anyMatch(d -> values(d).anyMatch(v -> v == Double.NEGATIVE_INFINITY));
    }

    @Test
    void dataset_samples_compare_by_content_and_reject_bad_shapes() {
        DatasetSample a = new DatasetSample(List.of("x"), new double[][] {{Double.NaN}}, new double[] {1},
                new long[] {5});
        DatasetSample b = new DatasetSample(List.of("x"), new double[][] {{Double.NaN}}, new double[] {1},
                new long[] {5});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).contains("NaN");
        assertThatThrownBy(() -> new DatasetSample(List.of("x"), new double[][] {{1}, {2}}, new double[] {1, 2},
                new long[] {5, 5})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatasetSample(List.of("x", "y"), new double[][] {{1}}, new double[] {1},
                new long[] {5})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatasetSample(List.of("x"), new double[][] {{1}}, new double[0],
                new long[] {5})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generators_are_deterministic_for_a_seed() {
        for (Gen<?> gen : List.<Gen<?>>of(DomainGen.modelNames(), DomainGen.invalidModelNames(),
                DomainGen.aliasNames(), DomainGen.tags(), DomainGen.metrics(), DomainGen.metadata(),
                DomainGen.datasets())) {
            assertThat(gen.samples(SEED, 30)).isEqualTo(gen.samples(SEED, 30));
        }
        Map<String, Double> metrics = DomainGen.metrics().samples(SEED, 1).get(0);
        assertThat(metrics).isEqualTo(DomainGen.metrics().samples(SEED, 1).get(0));
    }

    private static java.util.stream.DoubleStream values(DatasetSample d) {
        return Arrays.stream(d.rows()).flatMapToDouble(Arrays::stream);
    }

    @Test
    void panels_hold_weekdays_in_order_correlated_assets_and_never_a_whole_date_missing() {
        Property.forAll(DomainGen.panels(1, 9, 1, 300)).check(panel -> {
            long[] times = panel.times();
            double[][] returns = panel.returns();
            assertThat(returns.length).isEqualTo(times.length);
            for (int t = 0; t < times.length; t++) {
                java.time.DayOfWeek day = java.time.Instant.ofEpochSecond(times[t]).atOffset(java.time.ZoneOffset.UTC)
                        .getDayOfWeek();
                assertThat(day).isNotIn(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);
                assertThat(times[t] % 86_400).isZero();
                assertThat(t == 0 || times[t] > times[t - 1]).isTrue();
                assertThat(Arrays.stream(returns[t]).anyMatch(r -> !Double.isNaN(r))).as("date %d has a bar", t)
                        .isTrue();
            }
            assertThat(panel.columns().keySet()).containsExactlyElementsOf(panel.assets());
        });
        // With a market factor, two assets' returns on the same dates are clearly correlated.
        PanelSample big = DomainGen.panels(2, 2, 2000, 2000).samples(1, 1).get(0);
        double[] a = big.columns().get("A0");
        double[] b = big.columns().get("A1");
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int t = 0; t < a.length; t++) {
            if (!Double.isNaN(a[t]) && !Double.isNaN(b[t])) {
                sab += a[t] * b[t];
                saa += a[t] * a[t];
                sbb += b[t] * b[t];
            }
        }
        assertThat(sab / Math.sqrt(saa * sbb)).isGreaterThan(0.2);
        assertThatThrownBy(() -> DomainGen.panels(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

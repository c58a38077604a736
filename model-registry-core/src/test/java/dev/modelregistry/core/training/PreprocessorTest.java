package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.core.internal.Stats;
import dev.modelregistry.api.training.service.Imputation;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    final Dataset train = Dataset.of(List.of("a", "b", "constant", "a_copy"), new double[][] {
            {1, 10, 5, 2}, {2, NAN, 5, 4}, {3, 30, 5, 6}, {INF, 40, 5, 8}, {5, 50, 5, 10}},
            new double[] {1, 2, 3, 4, 5});

    @Test
    void statistics_come_from_the_training_rows_and_missing_values_are_filled() {
        Preprocessor p = Preprocessor.fit(train, PreprocessingSpec.none().withImputation(Imputation.MEDIAN));
        assertThat(p.fill()).containsExactly(2.5, 35.0, 5.0, 6.0); // medians of 1,2,3,5 and 10,30,40,50
        assertThat(p.transform(new double[] {NAN, Double.NEGATIVE_INFINITY, 7, 1})).containsExactly(2.5, 35, 7, 1);
    }

    @Test
    void without_imputation_missing_values_stay_nan_and_infinities_become_nan() {
        Preprocessor p = Preprocessor.fit(train, PreprocessingSpec.none());
        assertThat(p.transform(new double[] {INF, NAN, 1, 2})).containsExactly(NAN, NAN, 1, 2);
    }

    @Test
    void variance_and_correlation_selection_drop_constant_and_redundant_features() {
        Dataset clean = Dataset.of(List.of("a", "b", "constant", "a_copy"), new double[][] {
                {1, 10, 5, 2}, {2, 50, 5, 4}, {3, 30, 5, 6}, {4, 20, 5, 8}, {5, 40, 5, 10}}, new double[5]);
        Preprocessor p = Preprocessor.fit(clean, PreprocessingSpec.standard().withMinVariance(0).withMaxCorrelation(0.95));
        assertThat(p.outputNames()).containsExactly("a", "b");
    }

    @Test
    void standardisation_gives_mean_zero_and_unit_deviation_on_training_rows() {
        Preprocessor p = Preprocessor.fit(train, PreprocessingSpec.standard());
        Dataset out = p.transform(train);
        for (int j = 0; j < out.featureCount(); j++) {
            double[] col = new double[out.rowCount()];
            for (int r = 0; r < col.length; r++) {
                col[r] = out.value(r, j);
            }
            assertThat(Stats.mean(col).getAsDouble()).isCloseTo(0, within(1e-12));
            if (!out.featureNames().get(j).equals("constant")) {
                assertThat(Stats.populationStd(col).getAsDouble()).isCloseTo(1, within(1e-12));
            }
        }
    }

    @Test
    void the_unboxed_transform_does_the_boxed_arithmetic_bit_for_bit() {
        java.util.Random rnd = new java.util.Random(17);
        for (PreprocessingSpec spec : List.of(PreprocessingSpec.none(), PreprocessingSpec.standard(),
                PreprocessingSpec.none().withImputation(Imputation.MEDIAN), PreprocessingSpec.standard()
                        .withImputation(Imputation.NONE), PreprocessingSpec.standard().withMinVariance(1e-9))) {
            Preprocessor p = Preprocessor.fit(train, spec);
            for (int n = 0; n < 500; n++) {
                double[] raw = new double[4];
                for (int j = 0; j < raw.length; j++) {
                    int pick = rnd.nextInt(10);
                    raw[j] = pick == 0 ? NAN : pick == 1 ? -INF : pick == 2 ? INF : rnd.nextGaussian() * 100;
                }
                double[] expected = new double[p.selected().size()];
                for (int i = 0; i < expected.length; i++) {
                    double v = raw[p.selected().get(i)];
                    if (!Double.isFinite(v)) {
                        v = p.imputation() == Imputation.NONE ? NAN : p.fill().get(i);
                    }
                    if (!p.center().isEmpty() && !Double.isNaN(v)) {
                        v = (v - p.center().get(i)) / p.scale().get(i);
                    }
                    expected[i] = v;
                }
                double[] actual = p.compile().apply(raw);
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(Double.doubleToRawLongBits(actual[i])).as("%s, row %d, column %d", spec, n, i)
                            .isEqualTo(Double.doubleToRawLongBits(expected[i]));
                }
            }
        }
    }

    @Test
    void a_row_of_the_wrong_width_is_refused() {
        Preprocessor p = Preprocessor.fit(train, PreprocessingSpec.none());
        assertThatThrownBy(() -> p.transform(new double[] {1, 2})).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("expects 4 features");
    }

    @Test
    void it_round_trips_through_json() throws Exception {
        var json = JsonMapper.builder().addModule(new Jdk8Module()).build();
        Preprocessor p = Preprocessor.fit(train, PreprocessingSpec.standard().withMinVariance(0));
        assertThat(json.readValue(json.writeValueAsString(p), Preprocessor.class)).isEqualTo(p);
    }
}

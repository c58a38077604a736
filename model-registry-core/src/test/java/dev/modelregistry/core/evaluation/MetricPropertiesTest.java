package dev.modelregistry.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.evaluation.RegressionMetrics;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the metrics over random inputs (testkit engine; a failure prints its seed). */
class MetricPropertiesTest {
    /** Rows of (actual, predicted), both in [−1, 1]. */
    static final Gen<List<double[]>> ROWS = Gen.listOf(
            Gen.zip(Gen.doubles(-1, 1), Gen.doubles(-1, 1), (a, p) -> new double[] {a, p}), 1, 60);

    static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    @Test
    void rmse_is_never_negative_and_at_least_mae_and_r2_is_at_most_one() {
        Property.forAll(ROWS).check(rows -> {
            RegressionMetrics m = RegressionScorer.score(column(rows, 0), column(rows, 1));
            assertThat(m.rmse()).isGreaterThanOrEqualTo(0).isGreaterThanOrEqualTo(m.mae() - 1e-12);
            m.r2().ifPresent(r2 -> assertThat(r2).isLessThanOrEqualTo(1 + 1e-12));
            m.explainedVariance().ifPresent(ev -> assertThat(ev).isLessThanOrEqualTo(1 + 1e-12));
        });
    }

    @Test
    void row_order_independent_metrics_do_not_change_when_rows_are_permuted() {
        Property.forAll(ROWS, Gen.longs()).check((rows, seed) -> {
            List<double[]> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, new Random(seed));
            double[] a = column(rows, 0);
            double[] p = column(rows, 1);
            double[] a2 = column(shuffled, 0);
            double[] p2 = column(shuffled, 1);
            RegressionMetrics m = RegressionScorer.score(a, p);
            RegressionMetrics m2 = RegressionScorer.score(a2, p2);
            assertThat(m2.rmse()).isCloseTo(m.rmse(), within(1e-12));
            assertThat(m2.mae()).isCloseTo(m.mae(), within(1e-12));
            assertThat(m2.r2().isPresent()).isEqualTo(m.r2().isPresent());
            m.r2().ifPresent(v -> assertThat(m2.r2().getAsDouble()).isCloseTo(v, within(1e-9 * Math.max(1, Math.abs(v)))));
            // classification: labels from the sign of a, probabilities from p mapped to [0, 1]
            double[] y = new double[a.length];
            double[] q = new double[a.length];
            double[] y2 = new double[a.length];
            double[] q2 = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                y[i] = a[i] > 0 ? 1 : 0;
                q[i] = (p[i] + 1) / 2;
                y2[i] = a2[i] > 0 ? 1 : 0;
                q2[i] = (p2[i] + 1) / 2;
            }
            var c = ClassificationScorer.score(y, q, 0.5, 1e-15);
            var c2 = ClassificationScorer.score(y2, q2, 0.5, 1e-15);
            assertThat(c2.confusion()).isEqualTo(c.confusion());
            assertThat(c2.logLoss()).isCloseTo(c.logLoss(), within(1e-9));
            assertThat(c2.rocAuc().isPresent()).isEqualTo(c.rocAuc().isPresent());
            c.rocAuc().ifPresent(v -> assertThat(c2.rocAuc().getAsDouble()).isCloseTo(v, within(1e-12)));
        });
    }
}

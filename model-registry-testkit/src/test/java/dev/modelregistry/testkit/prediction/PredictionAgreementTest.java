package dev.modelregistry.testkit.prediction;

import static dev.modelregistry.testkit.prediction.PredictionAgreement.assertThreadsAgree;
import static dev.modelregistry.testkit.prediction.PredictionAgreement.bits;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.training.Predictor;
import org.junit.jupiter.api.Test;

class PredictionAgreementTest {
    private static final double[][] ROWS = {{1, 2}, {3, 4}, {-0.0, 0.5}, {7, -8}};

    private static double sum(double[] row) {
        return row[0] + row[1];
    }

    @Test
    void a_stateless_predictor_agrees_across_threads() {
        Predictor pure = PredictionAgreementTest::sum;
        double[] expected = {sum(ROWS[0]), sum(ROWS[1]), sum(ROWS[2]), sum(ROWS[3])};
        assertThatCode(() -> assertThreadsAgree(pure, ROWS, bits(expected), 4, 200, "pure"))
                .doesNotThrowAnyException();
    }

    @Test
    void a_predictor_sharing_a_buffer_between_calls_is_caught() {
        // The bug class the check exists for: per-call state kept in a field, as a native handle's output buffer.
        Predictor racy = new Predictor() {
            private final double[] buffer = new double[1];

            @Override
            public double predict(double[] features) {
                buffer[0] = features[0];
                Thread.yield();
                buffer[0] += features[1];
                Thread.yield();
                return buffer[0];
            }
        };
        double[] expected = {sum(ROWS[0]), sum(ROWS[1]), sum(ROWS[2]), sum(ROWS[3])};
        assertThatThrownBy(() -> assertThreadsAgree(racy, ROWS, bits(expected), 4, 2_000, "racy"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("racy row");
    }

    @Test
    void a_failing_thread_and_bad_arguments_are_reported() {
        Predictor failing = row -> {
            throw new IllegalStateException("native failure");
        };
        assertThatThrownBy(() -> assertThreadsAgree(failing, ROWS, new long[4], 2, 1, "failing"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("failing: a predicting thread failed")
                .hasRootCauseMessage("native failure");
        assertThatThrownBy(() -> assertThreadsAgree(PredictionAgreementTest::sum, ROWS, new long[3], 2, 1, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assertThreadsAgree(PredictionAgreementTest::sum, ROWS, new long[4], 1, 1, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

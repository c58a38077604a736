package dev.modelregistry.trainer.spark;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.testkit.contract.TrainerContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The testkit's trainer contract, run against {@link SparkTrainerProvider} on a local[2] session, and the one
 * thing the contract cannot know: training without a session.
 */
class XGBoostSparkTrainerContractTest extends TrainerContract {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Override
    protected TrainerProvider provider() {
        return new SparkTrainerProvider();
    }

    /** Boosting reports each round, and {@code rounds} sets how many. */
    @Override
    protected Optional<String> iterationsParameter() {
        return Optional.of("rounds");
    }

    @Test
    void training_without_a_spark_session_is_refused_saying_how_to_start_one() {
        TrainingInput input = TrainingInput.of(provider().trainer(), TrainingSpec.defaults(),
                Dataset.of(List.of("a"), new double[][] {{1}, {2}}, new double[] {1, 2}), Optional.empty(),
                TrainingContext.NONE);
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        try {
            assertThatThrownBy(() -> provider().trainer().train(input))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("no active SparkSession").hasMessageContaining("SparkSession.builder()");
        } finally {
            SparkSession.setDefaultSession(spark);
        }
    }

    /** Few, shallow rounds: each fit is a Spark job, and the suite fits a dozen times. */
    @Override
    protected Map<String, String> parameters() {
        return Map.of("rounds", "30", "max_depth", "4");
    }
}

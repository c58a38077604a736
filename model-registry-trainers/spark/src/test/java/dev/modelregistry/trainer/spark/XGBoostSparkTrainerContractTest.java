package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.testkit.contract.TrainerContract;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's trainer contract, run against {@link SparkTrainerProvider} on a local[2] session. */
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

    /** Few, shallow rounds: each fit is a Spark job, and the suite fits a dozen times. */
    @Override
    protected Map<String, String> parameters() {
        return Map.of("rounds", "30", "max_depth", "4");
    }
}

package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;

/**
 * Provides the {@code xgboost-spark} trainer to {@link java.util.ServiceLoader}; training with it needs Spark on
 * the class path and a running session.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkTrainerProvider implements TrainerProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public SparkTrainerProvider() {
    }

    /**
     * The trainer's id.
     *
     * @return {@code xgboost-spark}
     */
    @Override
    public String id() {
        return SparkXGBoostTrainer.ID;
    }

    /**
     * Creates the trainer.
     *
     * @return a new trainer
     */
    @Override
    public Trainer trainer() {
        return new XGBoostSparkTrainer();
    }
}

package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;

/**
 * Provides the xgboost trainer to {@link java.util.ServiceLoader} under the id {@code xgboost}.
 *
 * <p>Stateless and thread-safe.
 */
public final class XGBoostTrainerProvider implements TrainerProvider {

    /** The id this provider and its trainer register under. */
    public static final String ID = "xgboost";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public XGBoostTrainerProvider() {
    }

    /**
     * The trainer's id.
     *
     * @return {@code xgboost}
     */
    @Override
    public String id() {
        return ID;
    }

    /**
     * Creates the trainer. Cheap: the native library loads when the first model is trained or read.
     *
     * @return a new trainer
     */
    @Override
    public Trainer trainer() {
        return new XGBoostTrainer();
    }
}

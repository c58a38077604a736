package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;

/**
 * Provides {@code tribuo-xgboost}: gradient-boosted regression trees (XGBoost through Tribuo). Listed in
 * {@code META-INF/services/dev.modelregistry.api.training.TrainerProvider}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TribuoXGBoostProvider implements TrainerProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TribuoXGBoostProvider() {
    }

    /**
     * The trainer id.
     *
     * @return {@code tribuo-xgboost}
     */
    @Override
    public String id() {
        return TribuoXGBoostTrainer.ID;
    }

    /**
     * A new trainer (stateless and thread-safe, so one may be shared).
     *
     * @return the trainer
     */
    @Override
    public Trainer trainer() {
        return new TribuoXGBoostTrainer();
    }
}

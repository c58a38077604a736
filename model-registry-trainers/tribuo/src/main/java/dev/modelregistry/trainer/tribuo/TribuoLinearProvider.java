package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;

/**
 * Provides {@code tribuo-linear}: linear regression by SGD (Tribuo). Listed in
 * {@code META-INF/services/dev.modelregistry.api.training.TrainerProvider}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TribuoLinearProvider implements TrainerProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TribuoLinearProvider() {
    }

    /**
     * The trainer id.
     *
     * @return {@code tribuo-linear}
     */
    @Override
    public String id() {
        return TribuoLinearTrainer.ID;
    }

    /**
     * A new trainer (stateless and thread-safe, so one may be shared).
     *
     * @return the trainer
     */
    @Override
    public Trainer trainer() {
        return new TribuoLinearTrainer();
    }
}

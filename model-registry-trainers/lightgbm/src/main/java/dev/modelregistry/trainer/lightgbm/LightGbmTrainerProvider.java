package dev.modelregistry.trainer.lightgbm;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;

/**
 * The {@link TrainerProvider} of the {@code lightgbm} trainer, listed in
 * {@code META-INF/services/dev.modelregistry.api.training.TrainerProvider}.
 *
 * <p>Stateless and thread-safe.
 */
public final class LightGbmTrainerProvider implements TrainerProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LightGbmTrainerProvider() {
    }

    /**
     * The trainer's id.
     *
     * @return {@code lightgbm}
     */
    @Override
    public String id() {
        return LightGbmTrainer.ID;
    }

    /**
     * Creates the trainer.
     *
     * @return a new {@link LightGbmTrainer}; never null
     */
    @Override
    public Trainer trainer() {
        return new LightGbmTrainer();
    }
}

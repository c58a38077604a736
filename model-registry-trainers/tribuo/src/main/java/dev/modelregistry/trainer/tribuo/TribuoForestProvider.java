package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;

/**
 * Provides {@code tribuo-forest}: a random forest of regression trees (Tribuo). Listed in
 * {@code META-INF/services/dev.modelregistry.api.training.TrainerProvider}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TribuoForestProvider implements TrainerProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TribuoForestProvider() {
    }

    /**
     * The trainer id.
     *
     * @return {@code tribuo-forest}
     */
    @Override
    public String id() {
        return TribuoForestTrainer.ID;
    }

    /**
     * A new trainer (stateless and thread-safe, so one may be shared).
     *
     * @return the trainer
     */
    @Override
    public Trainer trainer() {
        return new TribuoForestTrainer();
    }
}

package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;

/**
 * Provides {@code tribuo-cart}: a CART regression tree (Tribuo). Listed in
 * {@code META-INF/services/dev.modelregistry.api.training.TrainerProvider}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TribuoCartProvider implements TrainerProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TribuoCartProvider() {
    }

    /**
     * The trainer id.
     *
     * @return {@code tribuo-cart}
     */
    @Override
    public String id() {
        return TribuoCartTrainer.ID;
    }

    /**
     * A new trainer (stateless and thread-safe, so one may be shared).
     *
     * @return the trainer
     */
    @Override
    public Trainer trainer() {
        return new TribuoCartTrainer();
    }
}

package com.example.ridge;

import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;

/**
 * The ServiceLoader entry point of the example trainer, listed in
 * {@code META-INF/services/dev.modelregistry.api.training.TrainerProvider}.
 */
public final class RidgeTrainerProvider implements TrainerProvider {
    /** Public and without arguments: ServiceLoader creates it. */
    public RidgeTrainerProvider() {
    }

    @Override
    public String id() {
        return RidgeTrainer.ID;
    }

    @Override
    public Trainer trainer() {
        return new RidgeTrainer();
    }
}

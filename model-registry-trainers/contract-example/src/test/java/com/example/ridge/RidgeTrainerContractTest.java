package com.example.ridge;

import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.testkit.contract.TrainerContract;
import java.util.Optional;

/**
 * The testkit's trainer contract run against the example trainer: the whole test a third-party
 * trainer author writes (docs/testkit.md, "Trainer contract").
 */
class RidgeTrainerContractTest extends TrainerContract {
    @Override
    protected TrainerProvider provider() {
        return new RidgeTrainerProvider();
    }

    /** Each epoch of gradient descent is one reported iteration; {@code epochs} sets how many. */
    @Override
    protected Optional<String> iterationsParameter() {
        return Optional.of(RidgeTrainer.EPOCHS);
    }
}

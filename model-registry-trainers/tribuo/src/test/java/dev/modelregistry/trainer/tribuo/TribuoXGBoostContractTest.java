package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.testkit.contract.TrainerContract;

/**
 * The testkit's trainer contract, run against {@link TribuoXGBoostProvider}. It has a {@code rounds}
 * parameter but no {@code iterationsParameter()}: Tribuo trains every round in one call, so the trainer
 * reports a single iteration and is cancelled at its next check, like the other Tribuo trainers.
 */
class TribuoXGBoostContractTest extends TrainerContract {
    @Override
    protected TrainerProvider provider() {
        return new TribuoXGBoostProvider();
    }
}

package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.testkit.contract.TrainerContract;

/** The testkit's trainer contract, run against {@link TribuoForestProvider}. */
class TribuoForestContractTest extends TrainerContract {
    @Override
    protected TrainerProvider provider() {
        return new TribuoForestProvider();
    }
}

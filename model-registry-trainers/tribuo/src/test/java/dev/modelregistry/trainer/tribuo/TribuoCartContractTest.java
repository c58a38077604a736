package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.testkit.contract.TrainerContract;

/** The testkit's trainer contract, run against {@link TribuoCartProvider}. */
class TribuoCartContractTest extends TrainerContract {
    @Override
    protected TrainerProvider provider() {
        return new TribuoCartProvider();
    }
}

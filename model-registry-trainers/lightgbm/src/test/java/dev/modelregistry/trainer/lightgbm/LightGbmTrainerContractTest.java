package dev.modelregistry.trainer.lightgbm;

import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.testkit.contract.TrainerContract;
import java.util.Optional;

/** The testkit's trainer contract, run against {@link LightGbmTrainerProvider}. */
class LightGbmTrainerContractTest extends TrainerContract {
    @Override
    protected TrainerProvider provider() {
        return new LightGbmTrainerProvider();
    }

    /** Boosting reports each round, and {@code rounds} sets how many. */
    @Override
    protected Optional<String> iterationsParameter() {
        return Optional.of("rounds");
    }
}

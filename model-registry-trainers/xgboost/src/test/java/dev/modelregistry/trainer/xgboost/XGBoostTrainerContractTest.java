package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.testkit.contract.TrainerContract;
import java.util.Optional;

/** The testkit's trainer contract, run against {@link XGBoostTrainerProvider}. */
class XGBoostTrainerContractTest extends TrainerContract {
    @Override
    protected TrainerProvider provider() {
        return new XGBoostTrainerProvider();
    }

    /** Boosting reports each round, and {@code rounds} sets how many. */
    @Override
    protected Optional<String> iterationsParameter() {
        return Optional.of("rounds");
    }
}

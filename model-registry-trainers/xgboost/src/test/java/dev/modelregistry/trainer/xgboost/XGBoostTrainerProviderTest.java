package dev.modelregistry.trainer.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class XGBoostTrainerProviderTest {

    @Test
    void service_loader_finds_the_provider_under_its_id() {
        List<TrainerProvider> found = ServiceLoader.load(TrainerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("xgboost"))
                .collect(Collectors.toList());

        assertThat(found).hasSize(1);
        assertThat(found.get(0)).isInstanceOf(XGBoostTrainerProvider.class);
        assertThat(found.get(0).trainer().id()).isEqualTo("xgboost");
    }

    @Test
    void the_trainer_describes_itself() {
        Trainer trainer = new XGBoostTrainerProvider().trainer();

        assertThat(trainer.tasks()).containsExactlyInAnyOrder(Task.REGRESSION, Task.BINARY_CLASSIFICATION);
        assertThat(trainer.formatId()).isEqualTo("xgboost-ubjson");
        assertThat(trainer.libraryVersion()).isEqualTo("3.4.0");
        assertThat(trainer.module()).isEqualTo("dev.modelregistry:model-registry-trainer-xgboost");
        assertThat(trainer.handlesMissingValues()).isTrue();
        assertThat(trainer.supportsEarlyStopping()).isTrue();
        assertThat(trainer.hyperParameters()).extracting(p -> p.name()).contains("rounds", "eta", "max_depth",
                "min_child_weight", "subsample", "colsample_bytree", "lambda", "alpha", "gamma");
    }
}

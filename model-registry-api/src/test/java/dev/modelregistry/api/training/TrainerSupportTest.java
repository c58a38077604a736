package dev.modelregistry.api.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainerSupportTest {

    @Test
    void a_trainer_describes_itself_from_its_constructor() {
        Trainer t = Fixtures.trainer(true);
        assertThat(t.id()).isEqualTo("fake");
        assertThat(t.formatId()).isEqualTo("fake-format");
        assertThat(t.libraryVersion()).isEqualTo("1.0");
        assertThat(t.module()).isEqualTo("com.example:fake");
        assertThat(t.tasks()).isEqualTo(Set.of(Task.REGRESSION, Task.BINARY_CLASSIFICATION));
        assertThat(t.hyperParameters()).isEqualTo(Fixtures.DECLARED);
        assertThat(t.handlesMissingValues()).as("overridden").isTrue();
        assertThat(t.supportsEarlyStopping()).as("the default").isFalse();
        assertThat(Fixtures.trainer(false).handlesMissingValues()).isFalse();
        assertThat(t).hasToString("fake trainer [fake-format, library 1.0]");
    }

    @Test
    void closing_after_a_failure_keeps_the_failure_and_adds_a_failed_close_to_it() {
        Fixtures.Closable model = new Fixtures.Closable();
        RuntimeException failure = new RuntimeException("training failed");
        TrainerSupport.closeAfterFailure(model, failure);
        assertThat(model.closed).isTrue();
        assertThat(failure.getSuppressed()).isEmpty();

        IOException closeFailure = new IOException("dispose failed");
        TrainerSupport.closeAfterFailure(() -> {
            throw closeFailure;
        }, failure);
        assertThat(failure.getSuppressed()).containsExactly(closeFailure);

        // A resource that rethrows the very failure does not suppress it into itself.
        TrainerSupport.closeAfterFailure(() -> {
            throw failure;
        }, failure);
        assertThat(failure.getSuppressed()).containsExactly(closeFailure);
    }
}

package dev.modelregistry.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StateMachineTest {

    /** A key-value store with a planted bug: putting a key again after deleting it does not count it. */
    static final class LeakyStore implements AutoCloseable {
        private final Map<String, Integer> entries = new HashMap<>();
        private final Set<String> deleted = new HashSet<>();
        private final boolean buggy;
        private int size;
        private boolean closed;

        LeakyStore(boolean buggy) {
            this.buggy = buggy;
        }

        void put(String key, int value) {
            if (!entries.containsKey(key) && !(buggy && deleted.contains(key))) {
                size++;
            }
            entries.put(key, value);
        }

        Optional<Integer> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        void delete(String key) {
            if (entries.remove(key) != null) {
                size--;
                deleted.add(key);
            }
        }

        int size() {
            return size;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The reference model: an immutable sorted map. */
    record Model(TreeMap<String, Integer> entries) {
        Model with(String key, int value) {
            TreeMap<String, Integer> copy = new TreeMap<>(entries);
            copy.put(key, value);
            return new Model(copy);
        }

        Model without(String key) {
            TreeMap<String, Integer> copy = new TreeMap<>(entries);
            copy.remove(key);
            return new Model(copy);
        }
    }

    record Put(String key, int value) implements Command<Model, LeakyStore> {
        @Override
        public Model run(LeakyStore store, Model model) {
            store.put(key, value);
            return model.with(key, value);
        }
    }

    record Get(String key) implements Command<Model, LeakyStore> {
        @Override
        public Model run(LeakyStore store, Model model) {
            assertThat(store.get(key)).isEqualTo(Optional.ofNullable(model.entries().get(key)));
            return model;
        }
    }

    record Delete(String key) implements Command<Model, LeakyStore> {
        @Override
        public boolean precondition(Model model) {
            return model.entries().containsKey(key);
        }

        @Override
        public Model run(LeakyStore store, Model model) {
            store.delete(key);
            return model.without(key);
        }
    }

    static final Gen<String> KEYS = Gen.elementOf("a", "b", "c");

    static StateMachine.Builder<Model, LeakyStore> store(boolean buggy, List<LeakyStore> created) {
        return StateMachine.<Model, LeakyStore>builder()
                .initialModel(() -> new Model(new TreeMap<>()))
                .system(() -> {
                    LeakyStore store = new LeakyStore(buggy);
                    created.add(store);
                    return store;
                })
                .cleanup(LeakyStore::close)
                .command(Gen.zip(KEYS, Gen.integers(), Put::new))
                .command(KEYS.map(Get::new))
                .commandFrom(model -> model.entries().isEmpty() ? Optional.empty()
                        : Optional.of(Gen.elementOf(model.entries().keySet()).map(Delete::new)))
                .invariant("sizes agree", (model, store) -> assertThat(store.size()).isEqualTo(model.entries().size()));
    }

    @Nested
    class APlantedBugInAKeyValueStore {

        @Test
        void is_shrunk_to_put_delete_put_of_one_key() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
                    () -> store(true, new ArrayList<>()).build().tries(1000).check());

            CommandSequence minimal = (CommandSequence) failure.minimalCounterexample();
            assertThat(minimal.size()).isEqualTo(3);
            assertThat(minimal.commands()).containsExactly(new Put("a", 0), new Delete("a"), new Put("a", 0));
            assertThat(minimal.failure()).isEqualTo("invariant \"sizes agree\" failed after step 3");
        }

        @Test
        void is_shrunk_to_the_same_sequence_from_many_seeds() {
            for (long seed = 1; seed <= 20; seed++) {
                PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
                        store(true, new ArrayList<>()).build().tries(1000).seed(seed)::check);
                assertThat(((CommandSequence) failure.minimalCounterexample()).commands()).as("seed %d", seed)
                        .containsExactly(new Put("a", 0), new Delete("a"), new Put("a", 0));
            }
        }

        @Test
        void prints_the_seed_and_the_minimal_sequence_step_by_step() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class,
                    () -> store(true, new ArrayList<>()).build().tries(1000).check());

            assertThat(failure.getMessage())
                    .startsWith("State machine failed on try ")
                    .contains("seed " + failure.seed())
                    .contains("Minimal counterexample:\n"
                            + "    3 steps\n"
                            + "      1. Put[key=a, value=0]\n"
                            + "      2. Delete[key=a]\n"
                            + "      3. Put[key=a, value=0]\n"
                            + "      -> invariant \"sizes agree\" failed after step 3")
                    .contains("replay with -Dmodelregistry.seed=" + failure.seed());
        }

        @Test
        void is_reproduced_from_the_printed_seed() {
            StateMachine<Model, LeakyStore> test = store(true, new ArrayList<>()).build().tries(1000);
            PropertyFailure first = catchThrowableOfType(PropertyFailure.class, test::check);

            PropertyFailure replayed = catchThrowableOfType(PropertyFailure.class,
                    test.seed(ShrinkingTest.seedIn(first.getMessage()))::check);

            assertThat(replayed.tryNumber()).isEqualTo(1);
            assertThat(replayed.originalCounterexample()).isEqualTo(first.originalCounterexample());
            assertThat(replayed.minimalCounterexample()).isEqualTo(first.minimalCounterexample());
        }

        @Test
        void closes_every_system_it_created() {
            List<LeakyStore> created = new ArrayList<>();

            catchThrowableOfType(PropertyFailure.class, () -> store(true, created).build().tries(1000).seed(1).check());

            assertThat(created).hasSizeGreaterThan(1).allMatch(store -> store.closed);
        }
    }

    @Nested
    class ACorrectStore {

        @Test
        void passes_every_try() {
            List<LeakyStore> created = new ArrayList<>();

            Report report = store(false, created).maxCommands(20).build().tries(50).check();

            assertThat(report.tries()).isEqualTo(50);
            assertThat(created).hasSize(50).allMatch(store -> store.closed);
        }
    }

    @Nested
    class Failures {

        @Test
        void of_an_invariant_on_the_initial_state_are_reported_without_commands() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> store(false, new ArrayList<>())
                    .invariant("never holds", (model, store) -> assertThat(false).isTrue())
                    .build().tries(1000).check());

            assertThat(failure.minimalCounterexample())
                    .isEqualTo(new CommandSequence(List.of(), "invariant \"never holds\" failed on the initial state"));
        }

        @Test
        void of_the_cleanup_hook_are_failures() {
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> store(false, new ArrayList<>())
                    .cleanup(store -> {
                        throw new IllegalStateException("cannot delete directory");
                    })
                    .build().tries(1000).check());

            assertThat(failure.getCause()).hasMessage("cannot delete directory");
            assertThat(((CommandSequence) failure.minimalCounterexample()).commands()).isEmpty();
        }

        @Test
        void of_acommand_point_at_its_step() {
            AtomicInteger runs = new AtomicInteger();
            PropertyFailure failure = catchThrowableOfType(PropertyFailure.class, () -> StateMachine
                    .<Integer, AtomicInteger>builder()
                    .initialModel(() -> 0)
                    .system(() -> runs)
                    .command(Gen.constant(new Command<Integer, AtomicInteger>() {
                        @Override
                        public Integer run(AtomicInteger system, Integer model) {
                            if (model == 4) {
                                throw new IllegalStateException("fifth increment");
                            }
                            return model + 1;
                        }

                        @Override
                        public String toString() {
                            return "Increment";
                        }
                    }))
                    .build().tries(1000).seed(8).check());

            CommandSequence minimal = (CommandSequence) failure.minimalCounterexample();
            assertThat(minimal.size()).isEqualTo(5);
            assertThat(minimal.failure()).isEqualTo("step 5 failed");
            assertThat(minimal.toString()).contains("5. Increment");
        }
    }

    @Nested
    class TheBuilder {

        @Test
        void rejects_missing_settings() {
            assertThatThrownBy(() -> StateMachine.<Model, LeakyStore>builder().build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("initialModel");
            assertThatThrownBy(() -> StateMachine.<Model, LeakyStore>builder()
                    .initialModel(() -> new Model(new TreeMap<>())).system(() -> new LeakyStore(false)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("command");
            assertThatThrownBy(() -> StateMachine.builder().maxCommands(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StateMachine.builder().invariant(" ", (m, s) -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package dev.modelregistry.testkit.property;

import dev.modelregistry.testkit.property.Trial.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A stateful property: random sequences of {@link Command}s run against a fresh system under test
 * and a reference model, with invariants checked on the initial state and after every step.
 * A failing sequence is shrunk to a minimal one (fewest, simplest commands) and reported step by
 * step with the seed to replay it.
 *
 * <pre>{@code
 * StateMachine.<Map<String, Integer>, Store>builder()
 *     .initialModel(HashMap::new)
 *     .system(Store::new)
 *     .cleanup(Store::close)
 *     .command(Gen.zip(keys, values, Put::new))
 *     .commandFrom(model -> model.isEmpty() ? Optional.empty()
 *             : Optional.of(Gen.elementOf(model.keySet()).map(Delete::new)))
 *     .invariant("same size", (model, store) -> assertThat(store.size()).isEqualTo(model.size()))
 *     .build()
 *     .check();
 * }</pre>
 *
 * <p>Every try creates its own model and system and closes the system afterwards, also when the
 * try fails. Tries, seed and shrink budget work as for {@link Property}. Instances are immutable
 * and thread-safe; a run happens on the calling thread.
 *
 * @param <M> the model type
 * @param <S> the system type
 */
public final class StateMachine<M, S> {

    /** Draws per step before giving up on finding a command whose precondition holds. */
    private static final int MAX_PRECONDITION_ATTEMPTS = 20;

    private final Builder<M, S> setup; // a private snapshot, never handed out
    private final Config config;

    private StateMachine(Builder<M, S> setup, Config config) {
        this.setup = setup;
        this.config = config;
    }

    /**
     * A builder; {@link Builder#initialModel}, {@link Builder#system} and at least one command
     * are required.
     *
     * @param <M> the model type
     * @param <S> the system type
     * @return a new builder
     */
    public static <M, S> Builder<M, S> builder() {
        return new Builder<>();
    }

    /**
     * This test with {@code tries} passing command sequences required.
     *
     * @param tries at least 1
     * @return the new test
     * @throws IllegalArgumentException if {@code tries} is below 1
     */
    public StateMachine<M, S> tries(int tries) {
        return new StateMachine<>(setup, config.withTries(tries));
    }

    /**
     * This test with a fixed seed; use the seed printed by a failure to replay it.
     *
     * @param seed the seed
     * @return the new test
     */
    public StateMachine<M, S> seed(long seed) {
        return new StateMachine<>(setup, config.withSeed(seed));
    }

    /**
     * This test with a different shrink budget: the most sequences shrinking may replay
     * (default 5,000). Lower it when systems are slow to create.
     *
     * @param maxShrinks at least 0
     * @return the new test
     * @throws IllegalArgumentException if {@code maxShrinks} is negative
     */
    public StateMachine<M, S> maxShrinks(int maxShrinks) {
        return new StateMachine<>(setup, config.withMaxShrinks(maxShrinks));
    }

    /**
     * Runs the test.
     *
     * @return the report of the passed run
     * @throws PropertyFailure with a {@link CommandSequence} counterexample if a command, an
     *     invariant, creating or closing the system fails
     * @throws GenerationException if a command generator cannot produce commands
     */
    public Report check() {
        return Runner.run("State machine", config, this::runOnce);
    }

    private Outcome runOnce(Source source) {
        M model = Objects.requireNonNull(setup.initialModel.get(), "initial model supplier returned null");
        List<Object> executed = new ArrayList<>();
        S system;
        try {
            system = Objects.requireNonNull(setup.factory.create(), "system factory returned null");
        } catch (Throwable thrown) {
            source.describe(new CommandSequence(executed, "creating the system failed"));
            return Outcome.of(thrown);
        }
        Outcome outcome;
        try {
            outcome = runSteps(source, system, model, executed);
        } catch (RuntimeException | Error generationFailure) {
            try {
                setup.cleanup.close(system);
            } catch (Throwable thrown) {
                generationFailure.addSuppressed(thrown);
            }
            throw generationFailure;
        }
        try {
            setup.cleanup.close(system);
        } catch (Throwable thrown) {
            if (outcome instanceof Trial.Failed failed) {
                failed.error().addSuppressed(thrown);
            } else {
                source.describe(new CommandSequence(executed, "closing the system failed"));
                outcome = Outcome.of(thrown);
            }
        }
        return outcome;
    }

    private Outcome runSteps(Source source, S system, M initial, List<Object> executed) {
        source.describe(new CommandSequence(executed, "passed"));
        M model = initial;
        Outcome outcome = checkInvariants(source, model, system, executed, "on the initial state");
        while (outcome == Outcome.PASSED && executed.size() < setup.maxCommands) {
            int span = source.openSpan(); // one span per step, so the shrinker deletes whole steps
            Optional<Command<M, S>> next = source.weighted(setup.continueProbability())
                    ? nextCommand(source, model) : Optional.empty();
            source.closeSpan(span);
            if (next.isEmpty()) {
                break;
            }
            Command<M, S> command = next.get();
            executed.add(command);
            try {
                model = Objects.requireNonNull(command.run(system, model), () -> command + " returned a null model");
            } catch (Throwable thrown) {
                source.describe(new CommandSequence(executed, "step " + executed.size() + " failed"));
                return Outcome.of(thrown);
            }
            outcome = checkInvariants(source, model, system, executed, "after step " + executed.size());
        }
        return outcome;
    }

    private Optional<Command<M, S>> nextCommand(Source source, M model) {
        List<Gen<? extends Command<M, S>>> applicable = new ArrayList<>();
        for (Function<? super M, Optional<Gen<? extends Command<M, S>>>> generator : setup.commands) {
            Objects.requireNonNull(generator.apply(model), "command generator returned null").ifPresent(applicable::add);
        }
        if (applicable.isEmpty()) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < MAX_PRECONDITION_ATTEMPTS; attempt++) {
            Command<M, S> command = source.draw(applicable.get(source.choose(applicable.size() - 1)));
            if (command.precondition(model)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    private Outcome checkInvariants(Source source, M model, S system, List<Object> executed, String when) {
        for (NamedInvariant<M, S> invariant : setup.invariants) {
            try {
                invariant.invariant().check(model, system);
            } catch (Throwable thrown) {
                source.describe(new CommandSequence(executed,
                        "invariant \"" + invariant.name() + "\" failed " + when));
                return Outcome.of(thrown);
            }
        }
        return Outcome.PASSED;
    }

    private record NamedInvariant<M, S>(String name, Invariant<? super M, ? super S> invariant) {
    }

    /**
     * Creates a system under test; may throw, e.g. when opening a registry on disk.
     *
     * @param <S> the system type
     */
    @FunctionalInterface
    public interface Factory<S> {
        /**
         * Creates a fresh system.
         *
         * @return the system, not null
         * @throws Exception if the system cannot be created (reported as a failure)
         */
        S create() throws Exception;
    }

    /**
     * Releases a system under test, e.g. closes it and deletes its directory.
     *
     * @param <S> the system type
     */
    @FunctionalInterface
    public interface Cleanup<S> {
        /**
         * Releases the system.
         *
         * @param system the system, not null
         * @throws Exception if releasing fails (reported as a failure)
         */
        void close(S system) throws Exception;
    }

    /**
     * A condition that must hold for the model and the system after every step.
     *
     * @param <M> the model type
     * @param <S> the system type
     */
    @FunctionalInterface
    public interface Invariant<M, S> {
        /**
         * Checks the condition; fails by throwing.
         *
         * @param model the current model, not null
         * @param system the system, not null
         * @throws Exception to fail the test
         */
        void check(M model, S system) throws Exception;
    }

    /**
     * Configures a {@link StateMachine}. Each setting is validated when set. Not thread-safe;
     * {@link #build} takes a snapshot, so the builder may be reused.
     *
     * @param <M> the model type
     * @param <S> the system type
     */
    public static final class Builder<M, S> {

        private Supplier<? extends M> initialModel;
        private Factory<? extends S> factory;
        private Cleanup<? super S> cleanup = system -> { };
        private final List<Function<? super M, Optional<Gen<? extends Command<M, S>>>>> commands = new ArrayList<>();
        private final List<NamedInvariant<M, S>> invariants = new ArrayList<>();
        private int maxCommands = 30;

        private Builder() {
        }

        /**
         * Sets how each try creates its reference model.
         *
         * @param initialModel returns a fresh model each call, not null
         * @return this builder
         */
        public Builder<M, S> initialModel(Supplier<? extends M> initialModel) {
            this.initialModel = Objects.requireNonNull(initialModel, "initialModel");
            return this;
        }

        /**
         * Sets how each try creates its system under test.
         *
         * @param factory returns a fresh system each call, not null
         * @return this builder
         */
        public Builder<M, S> system(Factory<? extends S> factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Sets how a system is released after its try, failed or not. Default: nothing.
         *
         * @param cleanup the hook, not null
         * @return this builder
         */
        public Builder<M, S> cleanup(Cleanup<? super S> cleanup) {
            this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
            return this;
        }

        /**
         * Adds a command generator that applies in every state.
         *
         * @param gen the generator, not null
         * @return this builder
         */
        public Builder<M, S> command(Gen<? extends Command<M, S>> gen) {
            Objects.requireNonNull(gen, "gen");
            commands.add(model -> Optional.of(gen));
            return this;
        }

        /**
         * Adds a command generator that depends on the model, e.g. to pick only existing keys;
         * it returns empty in states where it has nothing to offer. Commands shrink toward the
         * generators added first, so add the simplest ones first.
         *
         * @param generator a pure function of the model, not null, never returning null
         * @return this builder
         */
        public Builder<M, S> commandFrom(Function<? super M, Optional<Gen<? extends Command<M, S>>>> generator) {
            commands.add(Objects.requireNonNull(generator, "generator"));
            return this;
        }

        /**
         * Adds an invariant, checked on the initial state and after every step.
         *
         * @param name the name printed when it fails, not blank
         * @param invariant the check, not null
         * @return this builder
         */
        public Builder<M, S> invariant(String name, Invariant<? super M, ? super S> invariant) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("invariant name must not be blank");
            }
            invariants.add(new NamedInvariant<>(name, Objects.requireNonNull(invariant, "invariant")));
            return this;
        }

        /**
         * Sets the most commands in one sequence (default 30); sequences average half of it.
         *
         * @param maxCommands at least 1
         * @return this builder
         */
        public Builder<M, S> maxCommands(int maxCommands) {
            if (maxCommands < 1) {
                throw new IllegalArgumentException("maxCommands must be >= 1 but was " + maxCommands);
            }
            this.maxCommands = maxCommands;
            return this;
        }

        /**
         * Builds the test with default run settings.
         *
         * @return the state machine test
         * @throws IllegalStateException if the model, the system or every command is missing
         */
        public StateMachine<M, S> build() {
            if (initialModel == null || factory == null) {
                throw new IllegalStateException("initialModel(...) and system(...) are required");
            }
            if (commands.isEmpty()) {
                throw new IllegalStateException("add at least one command(...) or commandFrom(...)");
            }
            Builder<M, S> snapshot = new Builder<>();
            snapshot.initialModel = initialModel;
            snapshot.factory = factory;
            snapshot.cleanup = cleanup;
            snapshot.commands.addAll(commands);
            snapshot.invariants.addAll(invariants);
            snapshot.maxCommands = maxCommands;
            return new StateMachine<>(snapshot, Config.DEFAULT);
        }

        private double continueProbability() {
            double average = Math.max(1, maxCommands / 2);
            return average / (average + 1);
        }
    }
}

package dev.modelregistry.testkit.property;

import java.util.List;
import java.util.Objects;

/**
 * The commands a {@link StateMachine} try executed, and where it failed: the counterexample of a
 * failing state machine ({@link PropertyFailure#minimalCounterexample()}). The last command is
 * the one that failed, unless an invariant failed on the initial state. Immutable and
 * thread-safe if the commands are.
 *
 * @param commands the executed commands, in order; copied
 * @param failure where the try failed, e.g. {@code invariant "size" failed after step 3}
 */
public record CommandSequence(List<Object> commands, String failure) {

    /**
     * Copies and validates the components.
     *
     * @param commands the executed commands, in order; copied
     * @param failure where the try failed
     *
     * @throws NullPointerException if an argument or a command is null
     */
    public CommandSequence {
        commands = List.copyOf(commands);
        Objects.requireNonNull(failure, "failure");
    }

    /**
     * The number of executed commands.
     *
     * @return the length
     */
    public int size() {
        return commands.size();
    }

    /**
     * The steps, one numbered line each, then where it failed.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(commands.size()).append(commands.size() == 1 ? " step" : " steps");
        for (int i = 0; i < commands.size(); i++) {
            out.append("\n  ").append(i + 1).append(". ").append(Printer.print(commands.get(i)));
        }
        return out.append("\n  -> ").append(failure).toString();
    }
}

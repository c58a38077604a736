package dev.modelregistry.testkit.property;

/**
 * One step of a {@link StateMachine} test: an operation applied to the system under test and to
 * the reference model, checking that they agree. Implement it as a record so that it prints
 * well in failure messages (its {@code toString} is the step's description) and can be compared
 * in tests.
 *
 * @param <M> the model type
 * @param <S> the system type
 */
public interface Command<M, S> {

    /**
     * Whether this command may run in the model's current state; the engine draws another
     * command when it may not. The default allows every state.
     *
     * @param model the current model, not null
     * @return true if the command applies
     */
    default boolean precondition(M model) {
        return true;
    }

    /**
     * Applies the command to the system and to the model and asserts that their results agree.
     * Fails by throwing. A mutable model may be changed in place and returned; an immutable one
     * is replaced by the returned value.
     *
     * @param system the system under test, not null
     * @param model the current model, not null
     * @return the model after the command, not null
     * @throws Exception to fail the test
     */
    M run(S system, M model) throws Exception;
}

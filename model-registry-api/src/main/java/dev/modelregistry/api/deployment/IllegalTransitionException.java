package dev.modelregistry.api.deployment;

import dev.modelregistry.api.ConflictException;

/**
 * A deployment action is not legal in the environment's current state (promoting with no candidate,
 * rolling back with nothing to return to, deploying a canary beside another candidate). Nothing changed.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class IllegalTransitionException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public IllegalTransitionException(String message) {
        super(message);
    }
}

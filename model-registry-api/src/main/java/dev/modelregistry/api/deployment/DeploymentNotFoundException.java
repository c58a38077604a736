package dev.modelregistry.api.deployment;

import dev.modelregistry.api.NotFoundException;

/**
 * Nothing is deployed in the named environment.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class DeploymentNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public DeploymentNotFoundException(String message) {
        super(message);
    }
}

package dev.modelregistry.api;

/**
 * The change conflicts with the current state (for example importing a version number that holds different bytes).
 *
 * <p>Unchecked, like every exception of this library.
 */
public class ConflictException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public ConflictException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

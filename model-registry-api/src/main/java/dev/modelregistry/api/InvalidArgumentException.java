package dev.modelregistry.api;

/**
 * An argument is invalid: thrown before anything is written.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class InvalidArgumentException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}

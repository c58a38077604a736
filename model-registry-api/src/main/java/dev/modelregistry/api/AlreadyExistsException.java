package dev.modelregistry.api;

/**
 * Something a caller wants to create exists already (for example the target name of a rename).
 *
 * <p>Unchecked, like every exception of this library.
 */
public class AlreadyExistsException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public AlreadyExistsException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}

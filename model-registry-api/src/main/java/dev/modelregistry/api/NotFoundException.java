package dev.modelregistry.api;

/**
 * Something a caller named does not exist (a model, a version, an alias, an artifact, ...).
 *
 * <p>Unchecked, like every exception of this library.
 */
public class NotFoundException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public NotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

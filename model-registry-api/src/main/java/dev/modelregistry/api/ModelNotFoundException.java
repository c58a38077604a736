package dev.modelregistry.api;

/**
 * No model has the given name (or it was deleted).
 *
 * <p>Unchecked, like every exception of this library.
 */
public class ModelNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public ModelNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public ModelNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.modelregistry.api;

/**
 * The root of every exception this library throws; catch it to catch them all.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class ModelRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public ModelRegistryException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public ModelRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.modelregistry.api;

/**
 * The registry was closed; open it again to continue.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class RegistryClosedException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public RegistryClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public RegistryClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}

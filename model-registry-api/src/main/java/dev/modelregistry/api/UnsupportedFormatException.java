package dev.modelregistry.api;

/**
 * No codec on the class path can decode a stored model's format.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class UnsupportedFormatException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public UnsupportedFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public UnsupportedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

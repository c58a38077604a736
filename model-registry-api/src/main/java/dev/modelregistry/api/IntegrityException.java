package dev.modelregistry.api;

/**
 * Stored bytes do not match their recorded size or SHA-256 digest: the data is corrupt and was not returned.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class IntegrityException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public IntegrityException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}

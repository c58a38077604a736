package dev.modelregistry.api;

/**
 * The model has no live version with the given number, or no live version at all.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class VersionNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public VersionNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public VersionNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

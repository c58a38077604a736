package dev.modelregistry.api;

/**
 * A model, alias, tag or environment name breaks the naming rules (see {@link Names}).
 *
 * <p>Unchecked, like every exception of this library.
 */
public class InvalidNameException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public InvalidNameException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}

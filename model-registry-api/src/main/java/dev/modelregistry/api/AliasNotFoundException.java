package dev.modelregistry.api;

/**
 * The model has no alias with the given name, or the alias has no earlier target to roll back to.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class AliasNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public AliasNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public AliasNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

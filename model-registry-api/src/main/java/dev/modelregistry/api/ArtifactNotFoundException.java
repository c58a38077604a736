package dev.modelregistry.api;

/**
 * No artifact with the given digest is in storage (a missing blob).
 *
 * <p>Unchecked, like every exception of this library.
 */
public class ArtifactNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public ArtifactNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public ArtifactNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

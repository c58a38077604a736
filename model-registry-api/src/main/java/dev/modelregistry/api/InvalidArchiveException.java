package dev.modelregistry.api;

/**
 * An archive to import is malformed, truncated, unsafe (an entry that would land outside its target) or inconsistent with its manifest.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class InvalidArchiveException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public InvalidArchiveException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public InvalidArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}

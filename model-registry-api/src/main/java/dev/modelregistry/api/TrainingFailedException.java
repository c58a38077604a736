package dev.modelregistry.api;

/**
 * The training library failed (bad data for it, a native error); no model was produced.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class TrainingFailedException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public TrainingFailedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public TrainingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.modelregistry.api;

/**
 * Training stopped because it was cancelled; no model was produced.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class TrainingCancelledException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, in words a caller can act on
     */
    public TrainingCancelledException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, in words a caller can act on
     * @param cause the underlying failure
     */
    public TrainingCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}

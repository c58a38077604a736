package dev.modelregistry.api;

/**
 * The registry's files disagree with each other, so the registry refuses to open or to act rather
 * than guess: for example its database is missing, empty or belongs to another registry while its
 * blobs remain, or a clean-up would remove most of the stored artifacts at once. Nothing was
 * changed; the message says what was found and how to recover.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class RegistryStateException extends StorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was found and how to recover
     */
    public RegistryStateException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that revealed the state.
     *
     * @param message what was found and how to recover
     * @param cause the underlying failure
     */
    public RegistryStateException(String message, Throwable cause) {
        super(message, cause);
    }
}

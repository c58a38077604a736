package dev.modelregistry.api;

/**
 * An artifact's bytes are not a model this library accepts: a native model whose structure is
 * inconsistent (counts out of range, a tree with a dangling child), a bundle whose manifest
 * declares more than its limits, or a model that crashed a child JVM asked to load it. Refused
 * before native code saw it in this JVM; nothing was changed. The message names the artifact and
 * what is wrong with it.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class InvalidArtifactException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which artifact, and what is wrong with it
     */
    public InvalidArtifactException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message which artifact, and what is wrong with it
     * @param cause the underlying failure
     */
    public InvalidArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}

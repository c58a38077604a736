package dev.modelregistry.api;

/**
 * A stored model artifact is malformed, truncated, out of the bounds this library accepts, or
 * internally inconsistent, so it was refused before any native library was given its bytes.
 *
 * <p>Native model loaders (LightGBM, xgboost) trust their input and can crash the whole JVM on a
 * corrupt model; the trainers therefore check every model fully in Java first and throw this
 * exception, whose message names the artifact part and what is wrong with it (for example
 * {@code "LightGBM model text: Tree=3 left_child[5]=17 is out of range"}).
 *
 * <p>Unchecked, like every exception of this library.
 */
public class InvalidArtifactException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the artifact, in words a caller can act on
     */
    public InvalidArtifactException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong with the artifact, in words a caller can act on
     * @param cause the underlying failure
     */
    public InvalidArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}

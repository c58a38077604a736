package dev.modelregistry.testkit.property;

/**
 * Thrown when a generator cannot produce a value: a filter rejected too many values, a set
 * generator found too few distinct elements, or a try drew an unbounded number of choices. It
 * signals a mistake in the test's generators, not a counterexample.
 */
public class GenerationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be generated and how to fix it
     */
    public GenerationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what could not be generated and how to fix it
     * @param cause the underlying failure
     */
    public GenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}

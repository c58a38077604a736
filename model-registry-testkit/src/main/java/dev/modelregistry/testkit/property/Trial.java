package dev.modelregistry.testkit.property;

import org.opentest4j.TestAbortedException;

/**
 * One try of a property or state machine: generates from the source and checks. Exceptions
 * thrown by generation escape {@link #run}; whatever the check throws becomes the outcome.
 */
@FunctionalInterface
interface Trial {

    Outcome run(Source source);

    /** How a try ended. */
    sealed interface Outcome {
        /** The check passed. */
        Outcome PASSED = new Passed();
        /** The check rejected its input through an assumption. */
        Outcome DISCARDED = new Discarded();

        /** Classifies what a check threw; JVM errors such as OutOfMemoryError are rethrown. */
        static Outcome of(Throwable thrown) {
            if (thrown instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            if (thrown instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // keep the signal for the caller
            }
            if (thrown instanceof Assume.Rejected || thrown instanceof TestAbortedException) {
                return DISCARDED;
            }
            return new Failed(thrown);
        }
    }

    /** Passed. */
    record Passed() implements Outcome {
    }

    /** Discarded. */
    record Discarded() implements Outcome {
    }

    /** Failed with {@code error}. */
    record Failed(Throwable error) implements Outcome {
    }
}

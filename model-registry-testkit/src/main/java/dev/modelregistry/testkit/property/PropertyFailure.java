package dev.modelregistry.testkit.property;

import java.util.Objects;

/**
 * Thrown when a property or state machine fails. The message holds the seed and try number,
 * the minimal (shrunk) and the original counterexample, both errors and how to replay; the
 * cause is the error of the original counterexample, and the minimal one's error is attached as
 * suppressed when it differs. Replaying the printed seed fails again on the first try.
 */
public final class PropertyFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    /** The seed of the failing try. */
    private final long seed;
    /** The number of the failing try. */
    private final int tryNumber;
    private final transient Object minimal;
    private final transient Object original;
    private final transient Throwable minimalError;
    /** The number of accepted shrink steps. */
    private final int shrinks;

    PropertyFailure(String subject, long seed, int tryNumber, Object original, Throwable originalError,
            Shrinker.Result minimal) {
        super(message(subject, seed, tryNumber, original, originalError, minimal), originalError);
        this.seed = seed;
        this.tryNumber = tryNumber;
        this.minimal = minimal.example();
        this.original = Objects.requireNonNull(original, "original");
        this.minimalError = minimal.error();
        this.shrinks = minimal.shrinks();
        if (minimal.error() != originalError) {
            addSuppressed(minimal.error());
        }
    }

    private static String message(String subject, long seed, int tryNumber, Object original, Throwable originalError,
            Shrinker.Result minimal) {
        return subject + " failed on try " + tryNumber + " (seed " + seed + "), shrunk in " + minimal.shrinks()
                + " steps" + (minimal.exhausted() ? " (shrink budget used up; raise it with .maxShrinks(n))" : "")
                + "\nMinimal counterexample:\n" + indent(Printer.print(minimal.example()))
                + "\nOriginal counterexample:\n" + indent(Printer.print(original))
                + "\nMinimal error:\n" + indent(String.valueOf(minimal.error()))
                + "\nOriginal error:\n" + indent(String.valueOf(originalError))
                + "\nreplay with -D" + Config.SEED_PROPERTY + "=" + seed + " or the fluent call .seed(" + seed + "L)";
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }

    /**
     * The seed of the failing try; {@code .seed(seed())} fails again on the first try.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The number of the failing try, counting from 1 and including discarded tries.
     *
     * @return the try number
     */
    public int tryNumber() {
        return tryNumber;
    }

    /**
     * The shrunk counterexample: the generated value for {@link Property}, a {@link Pair} for
     * two-argument properties, a {@link CommandSequence} for {@link StateMachine}.
     *
     * @return the minimal counterexample, not null
     */
    public Object minimalCounterexample() {
        return minimal;
    }

    /**
     * The counterexample as first found, before shrinking.
     *
     * @return the original counterexample, not null
     */
    public Object originalCounterexample() {
        return original;
    }

    /**
     * What the check threw for the minimal counterexample (the cause is the original's error).
     *
     * @return the minimal error, not null
     */
    public Throwable minimalError() {
        return minimalError;
    }

    /**
     * How many successively smaller failing inputs shrinking went through.
     *
     * @return the number of accepted shrink steps
     */
    public int shrinkSteps() {
        return shrinks;
    }
}

package dev.modelregistry.testkit.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The source of random choices a {@link Gen} draws from.
 *
 * <p>Every choice is a {@code long} in {@code [0, max]} and is recorded, so that a failing run
 * can be replayed and shrunk by editing the recorded sequence. The engine replays a sequence
 * by handing the recorded values back in order (clamped to each draw's {@code max}); once the
 * sequence runs out every further draw returns 0. Generators therefore map smaller choices to
 * simpler values, with 0 meaning "the simplest value".
 *
 * <p>A source belongs to one try of one property: it is mutable and not thread-safe. Only the
 * engine creates sources.
 */
public final class Source {

    /** Choices per try beyond which generation is considered runaway. */
    static final int MAX_CHOICES = 100_000;
    private static final int MAX_SPANS = 20_000;

    private final SplittableRandom random; // null when replaying a recorded sequence
    private final long[] prefix;
    private long[] values = new long[64];
    private long[] maxes = new long[64];
    private int size;
    private final List<Span> spans = new ArrayList<>();
    private int depth;
    private Object example = "(nothing generated)";

    private Source(SplittableRandom random, long[] prefix) {
        this.random = random;
        this.prefix = prefix;
    }

    /** A source drawing fresh random choices from {@code seed}. */
    static Source random(long seed) {
        return new Source(new SplittableRandom(seed), new long[0]);
    }

    /** A source replaying {@code choices}, then drawing zeros. */
    static Source replay(long[] choices) {
        return new Source(null, choices.clone());
    }

    /**
     * Draws a choice in {@code [0, max]}; 0 is the simplest choice.
     *
     * @param max the inclusive upper bound, at least 0
     * @return the choice
     * @throws IllegalArgumentException if {@code max} is negative
     * @throws GenerationException if the try drew more than 100,000 choices
     */
    public long choose(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0 but was " + max);
        }
        long value;
        if (size < prefix.length) {
            value = Math.min(prefix[size], max);
        } else if (random != null) {
            value = max == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : random.nextLong(max + 1);
        } else {
            value = 0;
        }
        return record(value, max);
    }

    /**
     * Draws a choice in {@code [0, max]}; 0 is the simplest choice.
     *
     * @param max the inclusive upper bound, at least 0
     * @return the choice
     * @throws IllegalArgumentException if {@code max} is negative
     * @throws GenerationException if the try drew more than 100,000 choices
     */
    public int choose(int max) {
        return (int) choose((long) max);
    }

    /**
     * Draws a boolean that is {@code true} with probability {@code probability}; {@code false}
     * is the simpler choice.
     *
     * @param probability the chance of {@code true}, in {@code [0, 1]}
     * @return the choice
     * @throws IllegalArgumentException if {@code probability} is outside {@code [0, 1]}
     * @throws GenerationException if the try drew more than 100,000 choices
     */
    public boolean weighted(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1] but was " + probability);
        }
        if (size < prefix.length || random == null) {
            return choose(1L) == 1;
        }
        return record(random.nextDouble() < probability ? 1 : 0, 1) == 1;
    }

    /**
     * Draws a value from {@code gen}. Composite generators should draw their parts through
     * this method rather than calling {@link Gen#generate} directly: it marks the part's
     * choices so the shrinker can delete or reorder whole parts.
     *
     * @param gen the generator, not null
     * @param <T> the value type
     * @return the generated value, never null
     * @throws NullPointerException if {@code gen} is null or generated null
     */
    public <T> T draw(Gen<T> gen) {
        Objects.requireNonNull(gen, "gen");
        int start = openSpan();
        T value = gen.generate(this);
        closeSpan(start);
        return Objects.requireNonNull(value, () -> "generator " + gen + " returned null");
    }

    /** Starts a span of structurally related choices; returns its start for {@link #closeSpan}. */
    int openSpan() {
        depth++;
        return size;
    }

    /** Ends the span opened at {@code start}. */
    void closeSpan(int start) {
        depth--;
        if (size > start && spans.size() < MAX_SPANS) {
            spans.add(new Span(start, size, depth));
        }
    }

    /**
     * With {@code probability}, and only while drawing fresh random choices, picks one of
     * {@code count} edge cases. The pick itself is not recorded: the generator records the
     * edge case through {@link #forced} in its ordinary encoding, so replay and shrinking
     * need no special case.
     */
    OptionalInt edge(int count, double probability) {
        if (random == null || size < prefix.length || count == 0 || random.nextDouble() >= probability) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(random.nextInt(count));
    }

    /** Records {@code value} as if it had been drawn with bound {@code max}. */
    long forced(long max, long value) {
        if (value < 0 || value > max) {
            throw new IllegalStateException("forced choice " + value + " outside [0, " + max + "]");
        }
        return record(value, max);
    }

    private long record(long value, long max) {
        if (size == MAX_CHOICES) {
            throw new GenerationException("a single try drew more than " + MAX_CHOICES
                    + " choices; a generator probably loops without a bound");
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            maxes = Arrays.copyOf(maxes, size * 2);
        }
        values[size] = value;
        maxes[size] = max;
        size++;
        return value;
    }

    /** Sets the value printed if this try fails. */
    void describe(Object value) {
        example = Objects.requireNonNull(value, "example");
    }

    Object example() {
        return example;
    }

    /** The choices drawn so far. */
    Recording recording() {
        return new Recording(Arrays.copyOf(values, size), Arrays.copyOf(maxes, size), List.copyOf(spans));
    }

    /** A run of choices that one generator call drew, at a nesting depth. */
    record Span(int start, int end, int depth) {
        int length() {
            return end - start;
        }
    }

    /** The choices of one try: values, the bound each was drawn with, and the spans. */
    record Recording(long[] values, long[] maxes, List<Span> spans) {
    }
}

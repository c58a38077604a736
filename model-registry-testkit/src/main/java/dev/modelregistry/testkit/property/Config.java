package dev.modelregistry.testkit.property;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * The settings of a run. Tries and seed fall back to system properties when not set explicitly,
 * read when the run starts.
 *
 * @param tries explicit tries, else {@code -Dmodelregistry.tries}, else 200
 * @param seed explicit seed, else {@code -Dmodelregistry.seed}, else random
 * @param maxShrinks the most replays shrinking may spend
 */
record Config(OptionalInt tries, OptionalLong seed, int maxShrinks) {

    static final String TRIES_PROPERTY = "modelregistry.tries";
    static final String SEED_PROPERTY = "modelregistry.seed";
    static final int DEFAULT_TRIES = 200;
    static final int DEFAULT_MAX_SHRINKS = 5_000;
    static final Config DEFAULT = new Config(OptionalInt.empty(), OptionalLong.empty(), DEFAULT_MAX_SHRINKS);

    Config withTries(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("tries must be >= 1 but was " + value);
        }
        return new Config(OptionalInt.of(value), seed, maxShrinks);
    }

    Config withSeed(long value) {
        return new Config(tries, OptionalLong.of(value), maxShrinks);
    }

    Config withMaxShrinks(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxShrinks must be >= 0 but was " + value);
        }
        return new Config(tries, seed, value);
    }

    int resolveTries(UnaryOperator<String> properties) {
        if (tries.isPresent()) {
            return tries.getAsInt();
        }
        String text = properties.apply(TRIES_PROPERTY);
        if (text == null || text.isBlank()) {
            return DEFAULT_TRIES;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the property's name
        }
        throw new IllegalArgumentException("system property " + TRIES_PROPERTY
                + " must be a positive integer but was '" + text + "'");
    }

    OptionalLong resolveSeed(UnaryOperator<String> properties) {
        if (seed.isPresent()) {
            return seed;
        }
        String text = properties.apply(SEED_PROPERTY);
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.trim().replaceFirst("[lL]$", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + SEED_PROPERTY
                    + " must be a long but was '" + text + "'", e);
        }
    }
}

package dev.modelregistry.testkit.property;

import dev.modelregistry.testkit.property.Trial.Failed;
import dev.modelregistry.testkit.property.Trial.Outcome;
import java.util.SplittableRandom;
import org.opentest4j.TestAbortedException;

/**
 * Runs tries until enough pass or one fails, then shrinks the failure. Each try has its own
 * seed, derived from the previous one; a failure reports its try's seed, so replaying that
 * seed fails again on the first try.
 */
final class Runner {

    /** A run gives up when more than this many tries per required try were discarded. */
    static final int MAX_DISCARD_RATIO = 10;

    private Runner() {
    }

    static Report run(String subject, Config config, Trial trial) {
        int tries = config.resolveTries(System::getProperty);
        long seed = config.resolveSeed(System::getProperty).orElseGet(() -> new SplittableRandom().nextLong());
        long trySeed = seed;
        int passed = 0;
        int discarded = 0;
        for (int attempt = 1; passed < tries; attempt++) {
            Source source = Source.random(trySeed);
            Outcome outcome;
            try {
                outcome = trial.run(source);
            } catch (Assume.Rejected | TestAbortedException e) {
                outcome = Outcome.DISCARDED;
            } catch (RuntimeException e) {
                throw new GenerationException(subject + " could not generate try " + attempt + " (seed " + trySeed
                        + ", replay with -D" + Config.SEED_PROPERTY + "=" + trySeed + "): " + e.getMessage(), e);
            }
            if (outcome instanceof Failed failed) {
                Shrinker.Result minimal = new Shrinker(trial, failed.error(), config.maxShrinks())
                        .shrink(source.recording(), source.example());
                throw new PropertyFailure(subject, trySeed, attempt, source.example(), failed.error(), minimal);
            }
            if (outcome == Outcome.DISCARDED) {
                if (++discarded > (long) tries * MAX_DISCARD_RATIO) {
                    throw new AssertionError(subject + " gave up: " + discarded + " tries were discarded by"
                            + " assumptions while only " + passed + " of " + tries + " passed (seed " + seed
                            + "). Generate fitting values instead of discarding them.");
                }
            } else {
                passed++;
            }
            trySeed = nextSeed(trySeed);
        }
        return new Report(seed, passed, discarded);
    }

    /** SplitMix64: a well-mixed successor, so consecutive tries are unrelated. */
    static long nextSeed(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package dev.modelregistry.testkit.property;

/**
 * The summary of a passed run. Immutable and thread-safe.
 *
 * @param seed the seed of the first try; {@code .seed(seed)} repeats the run exactly
 * @param tries the number of tries that ran the check and passed
 * @param discarded the number of tries discarded by assumptions (not counted in {@code tries})
 */
public record Report(long seed, int tries, int discarded) {
}

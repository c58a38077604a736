/**
 * A small property-testing engine in the spirit of Hypothesis: generators ({@link
 * dev.modelregistry.testkit.property.Gen}), seeded runs ({@link
 * dev.modelregistry.testkit.property.Property}), stateful command sequences ({@link
 * dev.modelregistry.testkit.property.StateMachine}) and shrinking that works for every
 * generator, because it edits the recorded random choices rather than the values.
 *
 * <p>No method accepts or returns null. Generators and configured properties are immutable and
 * thread-safe; a run is single-threaded. Failures throw {@link
 * dev.modelregistry.testkit.property.PropertyFailure} (an {@code AssertionError}) that prints the
 * seed to replay with {@code -Dmodelregistry.seed=...}.
 */
package dev.modelregistry.testkit.property;

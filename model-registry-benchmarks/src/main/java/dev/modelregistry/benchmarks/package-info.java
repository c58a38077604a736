/**
 * JMH benchmarks of the registry's hot paths: registering (latency percentiles at 10 and 100,000
 * versions), searching 100,000 versions, loading (warm and cold), and predicting through a model and
 * through a deployed endpoint, each beside a raw baseline in the same run. Run with
 * {@code mvn -q -Pbench -DskipTests package} from the repository root. {@link
 * dev.modelregistry.benchmarks.OpenInFreshJvm} times {@code open()} in fresh JVMs, which JMH cannot.
 */
package dev.modelregistry.benchmarks;

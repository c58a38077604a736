/**
 * JMH benchmarks of the registry's hot paths: registering, loading (warm and cold), and predicting
 * through a model and through a deployed endpoint. Run with {@code mvn -q -Pbench -DskipTests package}
 * from the repository root.
 */
package dev.modelregistry.benchmarks;

/**
 * Checks on predictions: that a model answers the same, bit for bit, however many threads ask it at once.
 */
package dev.modelregistry.testkit.prediction;

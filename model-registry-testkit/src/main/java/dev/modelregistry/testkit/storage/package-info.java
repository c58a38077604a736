/**
 * Storage implementations for tests: {@link dev.modelregistry.testkit.storage.InMemoryModelStorage}.
 */
package dev.modelregistry.testkit.storage;

/**
 * Contract suites: abstract JUnit 5 test classes, one per API interface, that any implementation
 * runs by extending the class and implementing its factory method, in the style of Micrometer's
 * compatibility kit.
 *
 * <pre>{@code
 * class MyStorageContractTest extends ModelStorageContract {
 *     @Override
 *     protected ModelStorage createStorage(Path dir) {
 *         return MyStorage.open(dir);
 *     }
 * }
 * }</pre>
 *
 * <p>Each suite creates a fresh instance under a fresh temporary directory for every test. A suite
 * instance is used by one test thread; tests that exercise concurrency start their own threads.
 * Property tests in the suites run {@code -Dmodelregistry.tries} tries (200 by default).
 */
package dev.modelregistry.testkit.contract;

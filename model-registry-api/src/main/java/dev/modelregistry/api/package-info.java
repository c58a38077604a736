/**
 * The public API of model-registry: model references, name rules and the one unchecked
 * exception hierarchy rooted at {@link dev.modelregistry.api.ModelRegistryException}.
 *
 * <p>This module depends on the JDK only. Service interfaces live in the feature packages
 * ({@code storage}, {@code version}, {@code training}, {@code evaluation}, {@code deployment},
 * {@code monitoring});
 * the default implementation is {@code model-registry-core}.
 *
 * <h2 id="error-contract">The error contract</h2>
 *
 * <p>Every public method of this API and of {@code model-registry-core} follows these rules, and a test walks
 * the public surface reflectively to hold them to it:
 * <ul>
 *   <li><b>A null argument</b> is a {@link java.lang.NullPointerException} whose message names the parameter
 *       (as {@code Objects.requireNonNull(model, "model")} does). It is thrown before any work is done: nothing
 *       is read, written, locked or audited. Passing null is a programming error, so it is the one exception
 *       outside the hierarchy below.</li>
 *   <li><b>Every other failure</b> is a {@link dev.modelregistry.api.ModelRegistryException} subtype, never a
 *       bare {@code IllegalArgumentException}, {@code IOException} wrapper or {@code SQLException}. That holds
 *       for work on other threads as well: {@code TrainingJob.join()} after {@code cancel()} throws
 *       {@link dev.modelregistry.api.TrainingCancelledException}, not a
 *       {@link java.util.concurrent.CompletionException}.</li>
 *   <li><b>A version number below 1</b> is an {@link dev.modelregistry.api.InvalidArgumentException}
 *       everywhere a number is taken ({@code ModelRef.version}, {@code setAlias}, {@code deleteVersion},
 *       the numbers given to an export, {@code compare} through its references, ...), never a
 *       {@link dev.modelregistry.api.VersionNotFoundException}: version numbers start at 1, so 0 is a bad
 *       argument, not a version that happens to be missing.</li>
 *   <li><b>A bad name</b> (see {@link dev.modelregistry.api.Names}) is an
 *       {@link dev.modelregistry.api.InvalidNameException}; any name {@code Names} accepts, up to
 *       {@value dev.modelregistry.api.Names#MAX_NAME_LENGTH} characters, works in every operation.</li>
 * </ul>
 */
package dev.modelregistry.api;

/**
 * Internal, not API: file plumbing shared by the stores. Symlink refusal, SHA-256, bounded and
 * verifying streams, the in-flight temp-file locks, and the mapping of I/O failures (disk full) to
 * {@code StorageException}s. Anything here may change in any release.
 */
package dev.modelregistry.core.internal.io;

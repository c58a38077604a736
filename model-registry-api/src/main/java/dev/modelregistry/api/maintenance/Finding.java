package dev.modelregistry.api.maintenance;

import java.util.Objects;

/**
 * One problem {@code ModelRegistry.verify()} found.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what kind of problem
 * @param subject what it concerns: a digest, a version reference or a file
 * @param detail a sentence for a person
 */
public record Finding(Kind kind, String subject, String detail) {
    /**
     * Validates the fields.
     *
     * @param kind the kind
     * @param subject the subject
     * @param detail the detail
     */
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }

    /** The kinds of problem. */
    public enum Kind {
        /** A live version's blob is not in storage. */
        MISSING_BLOB,
        /** A live version's blob does not match its size or SHA-256. */
        CORRUPT_BLOB,
        /** A blob no live version references (left by a failed write, or by deleted versions). */
        UNREFERENCED_BLOB,
        /** A temp file left by a write that never finished. */
        LEFTOVER_TEMP,
        /** A live version's blob exists but cannot be read (a directory in its place, no permission). */
        UNREADABLE_BLOB,
        /** SQLite's integrity check failed: the metadata database is damaged. */
        DATABASE_CORRUPT,
        /** A symbolic link under the registry's root that the registry did not create. */
        SYMLINK
    }
}

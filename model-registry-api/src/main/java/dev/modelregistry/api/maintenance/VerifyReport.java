package dev.modelregistry.api.maintenance;

import java.util.List;

/**
 * The outcome of {@code ModelRegistry.verify()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param versionsChecked live versions whose artifacts were read and checked
 * @param blobsChecked distinct blobs read and hashed
 * @param bytesChecked bytes read and hashed
 * @param findings the problems found; empty when all is well
 */
public record VerifyReport(int versionsChecked, int blobsChecked, long bytesChecked, List<Finding> findings) {
    /**
     * Copies the findings.
     *
     * @param versionsChecked versions checked
     * @param blobsChecked blobs checked
     * @param bytesChecked bytes checked
     * @param findings the findings
     */
    public VerifyReport {
        findings = List.copyOf(findings);
    }

    /**
     * Whether every live version is intact, the database passes SQLite's integrity check and no
     * foreign symbolic link sits under the root. Unreferenced blobs and leftover temp files are
     * housekeeping, not damage: they do not make a registry unhealthy.
     *
     * @return true if no blob is missing, corrupt or unreadable, the database is sound and no link was found
     */
    public boolean healthy() {
        return findings.stream().noneMatch(f -> f.kind() == Finding.Kind.MISSING_BLOB
                || f.kind() == Finding.Kind.CORRUPT_BLOB || f.kind() == Finding.Kind.UNREADABLE_BLOB
                || f.kind() == Finding.Kind.DATABASE_CORRUPT || f.kind() == Finding.Kind.SYMLINK);
    }

    /**
     * The findings of one kind.
     *
     * @param kind the kind
     * @return the findings
     */
    public List<Finding> findings(Finding.Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }
}

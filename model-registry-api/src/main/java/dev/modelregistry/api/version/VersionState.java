package dev.modelregistry.api.version;

/** Whether a version can be used. */
public enum VersionState {
    /** Registered and usable. */
    LIVE,
    /** Soft-deleted: kept in history, its number never reused, no longer resolvable. */
    DELETED
}

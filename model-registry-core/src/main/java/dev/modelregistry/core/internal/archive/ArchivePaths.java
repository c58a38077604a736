package dev.modelregistry.core.internal.archive;

import dev.modelregistry.api.InvalidArchiveException;

/** Refuses archive entry names that could land outside their target directory (zip-slip). */
public final class ArchivePaths {
    private ArchivePaths() {
    }

    static void requireSafe(String name) {
        if (name.isEmpty()) {
            throw new InvalidArchiveException("archive has an entry with an empty name");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new InvalidArchiveException("archive entry '" + name
                    + "' is an absolute path and would land outside the registry root");
        }
        if (name.contains("\\") || name.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidArchiveException("archive entry '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' holds a backslash or control character");
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..") || part.equals(".")) {
                throw new InvalidArchiveException("archive entry '" + name
                        + "' has a '" + part + "' segment and would land outside the registry root");
            }
        }
    }
}

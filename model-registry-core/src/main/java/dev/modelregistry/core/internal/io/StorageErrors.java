package dev.modelregistry.core.internal.io;

import dev.modelregistry.api.StorageException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns I/O and SQLite failures into {@link StorageException}s that say what happened. A full disk
 * is the failure operators most need to recognise, and the one most easily hidden behind a
 * follow-up error, so it is named explicitly and the original cause is always kept.
 */
public final class StorageErrors {
    private StorageErrors() {
    }

    public static StorageException io(String what, IOException e) {
        return new StorageException(what + ": " + describe(e), e);
    }

    public static StorageException sql(String what, SQLException e) {
        return new StorageException(what + ": " + describe(e), e);
    }

    public static String describe(IOException e) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getFile() + ": " + fse.getReason() : String.valueOf(e.getMessage());
        return isDiskFull(e) ? "disk full (" + reason + ")" : e.getClass().getSimpleName() + " " + reason;
    }

    public static String describe(SQLException e) {
        return isDiskFull(e) ? "disk full (SQLITE_FULL: " + e.getMessage() + ")" : String.valueOf(e.getMessage());
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_FULL
                    || s.getResultCode() == SQLiteErrorCode.SQLITE_IOERR_WRITE && mentionsNoSpace(s))) {
                return true;
            }
            if (mentionsNoSpace(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsNoSpace(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return false;
        }
        String lower = m.toLowerCase(Locale.ROOT);
        return lower.contains("no space left") || lower.contains("disk is full") || lower.contains("sqlite_full")
                || lower.contains("disk quota exceeded");
    }
}

package dev.modelregistry.core.internal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temp files that a write is still using, so that gc never removes one however short its grace
 * period. The writer holds an exclusive file lock for the file's whole life, which other processes
 * see; within this JVM a set says the same without touching the file (POSIX drops every lock a
 * process holds on a file when any of its channels on that file closes, so probing our own files
 * through a channel would release the writer's lock).
 *
 * <p>Thread-safe.
 */
public final class InFlightFiles {
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private InFlightFiles() {
    }

    /** A new file, open and locked. */
    public record Locked(Path path, FileChannel channel) {
    }

    /**
     * Creates a new file (never through a link) and locks it until {@link #release}. gc removes a
     * temp file only while holding its lock, so a file it removed between our creation and our lock
     * is gone once we hold the lock: then a new name is tried.
     *
     * @param names gives a fresh name on each call
     */
    public static Locked create(java.util.function.Supplier<Path> names) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path file = names.get();
            Path key = file.toAbsolutePath();
            OPEN.add(key);
            FileChannel ch = null;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                ch.lock();
                if (java.nio.file.Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return new Locked(file, ch);
                }
                ch.close();
                OPEN.remove(key);
                if (attempt == 3) {
                    throw new IOException("temp files in " + file.getParent() + " keep being removed as they are"
                            + " created; is a gc with a zero grace period running in a loop?");
                }
            } catch (IOException | RuntimeException e) {
                if (ch != null) {
                    ch.close();
                }
                OPEN.remove(key);
                throw e;
            }
        }
    }

    /** Closes the file's channel (which releases the lock) and forgets it. */
    public static void release(Path file, FileChannel ch) throws IOException {
        try {
            ch.close();
        } finally {
            OPEN.remove(file.toAbsolutePath());
        }
    }

    /**
     * Deletes a leftover temp file unless a writer in this or another process still holds it. The
     * file is deleted while we hold its lock, so a writer that opened it a moment ago and waits for
     * the lock finds it gone and starts over under a new name.
     *
     * @return whether it was deleted
     */
    public static boolean deleteUnlessInUse(Path file) throws IOException {
        if (OPEN.contains(file.toAbsolutePath())) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            try {
                return java.nio.file.Files.deleteIfExists(file);
            } finally {
                lock.release();
            }
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}

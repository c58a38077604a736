package dev.modelregistry.core.internal.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.core.internal.io.Symlinks;
import dev.modelregistry.core.internal.io.StorageErrors;
import dev.modelregistry.core.internal.io.InFlightFiles;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;

/**
 * Remembers exports in progress, so that the temp file an export writes next to the user's target
 * (it must be on the target's file system to be moved into place atomically) is cleaned up by
 * {@code gc} if the process dies before the move. Each export writes a small journal entry in
 * {@code tmp/exports/} before it creates its temp file, and removes the entry when it is done.
 *
 * <p>gc deletes only a file whose name carries the journal entry's own id and the export suffix, so
 * a planted entry cannot make it delete anything else. Thread-safe.
 */
public final class ExportJournal {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJournal.class);
    static final String TEMP_SUFFIX = ".mr-export.tmp";
    private static final String ENTRY_SUFFIX = ".export";
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    private final Path dir;

    public ExportJournal(Path dir) {
        this.dir = dir;
    }

    /** An export that has not finished (or whose process died). */
    public record Entry(Path journal, String id, Path target, Instant started) {
    }

    /** The temp file an export to {@code target} writes, and its journal entry, made durable first. */
    public record Started(String id, Path temp, Path journal) {
    }

    public Started begin(Path target) throws IOException {
        Symlinks.requireNone(dir, false);
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + id + TEMP_SUFFIX);
        Path journal = dir.resolve(id + ENTRY_SUFFIX);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ch.write(java.nio.ByteBuffer.wrap(temp.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        FileSystemModelStorage.fsyncDirectory(dir);
        return new Started(id, temp, journal);
    }

    void end(Started started) {
        try {
            Files.deleteIfExists(started.journal());
        } catch (IOException e) {
            LOG.warn("could not remove export journal entry {}; gc will", started.journal(), e);
        }
    }

    public List<Entry> entries() {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ENTRY_SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                String id = name.substring(0, name.length() - ENTRY_SUFFIX.length());
                try {
                    if (!ID.matcher(id).matches() || !Symlinks.isRegularFile(p) || Files.size(p) > 64 * 1024) {
                        continue;
                    }
                    Path target = Path.of(Files.readString(p, StandardCharsets.UTF_8));
                    out.add(new Entry(p, id, target, Files.getLastModifiedTime(p).toInstant()));
                } catch (NoSuchFileException vanished) {
                    // the export finished while we looked
                } catch (RuntimeException | IOException e) {
                    LOG.warn("ignoring unreadable export journal entry {}", p, e);
                }
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot list export journal " + dir, e);
        }
        return out;
    }

    /** Removes an unfinished export's temp file and its entry; returns the bytes freed. */
    public long cleanUp(Entry e) {
        long freed = 0;
        String name = e.target().getFileName() == null ? "" : e.target().getFileName().toString();
        try {
            if (name.endsWith("." + e.id() + TEMP_SUFFIX) && Symlinks.isRegularFile(e.target())) {
                long size = Files.size(e.target());
                if (!InFlightFiles.deleteUnlessInUse(e.target())) {
                    return 0; // the export is still running (a slow one): its entry stays
                }
                freed = size;
                LOG.info("removed the temp file of an unfinished export: {}", e.target());
            }
            Files.deleteIfExists(e.journal());
        } catch (NoSuchFileException vanished) {
            // removed meanwhile
        } catch (IOException ex) {
            throw StorageErrors.io("cannot remove the temp file of an unfinished export " + e.target(), ex);
        }
        return freed;
    }
}

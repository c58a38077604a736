package dev.modelregistry.core.internal.io;

import dev.modelregistry.api.StorageException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry never writes through a symbolic link it did not create: a link planted inside its
 * directory (at {@code tmp/}, a blob shard, {@code backups/} or {@code registry.db}) would make it
 * write outside its root. Links are refused where the registry opens or creates a path, and
 * {@code verify()} reports any found under the root. The one exception is {@code blobs/} when the
 * user asked for it ({@code ModelRegistry.Builder.allowLinkedBlobDirectory()}), to keep blobs on
 * another disk.
 */
public final class Symlinks {
    private Symlinks() {
    }

    /**
     * Throws if {@code path} is a symbolic link (a missing path is fine).
     *
     * @param path the path
     * @param allowed whether a link is acceptable here
     */
    public static void requireNone(Path path, boolean allowed) {
        if (!allowed && Files.isSymbolicLink(path)) {
            throw new StorageException("refusing to use " + path + ": it is a symbolic link, and the registry never"
                    + " reads or writes through a link it did not create. Replace it with a real directory or file"
                    + " (to keep blobs on another disk, link only blobs/ and open with allowLinkedBlobDirectory())");
        }
    }

    /**
     * Every symbolic link under {@code root}, without following any.
     *
     * @param root the registry's directory
     * @param allowed a link that is expected (or null)
     * @return the unexpected links
     */
    public static List<Path> findUnder(Path root, Path allowed) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink() && !file.equals(allowed)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // removed while we walked
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw StorageErrors.io("cannot scan " + root + " for symbolic links", e);
        }
        return found;
    }

    /** Whether a path exists as a regular file, not through a link. */
    public static boolean isRegularFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }
}

package dev.modelregistry.trainer.lightgbm;

import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads lightgbm4j's native libraries so that this JVM never writes over another JVM's copy.
 *
 * <p>Why: lightgbm4j 4.3.0-1 loads its libraries in {@code LGBMBooster}'s static initialiser (which
 * {@code LGBMDataset}'s also calls). Unless the environment variable {@code LIGHTGBM_NATIVE_LIB_PATH} names a
 * directory to load from, it copies {@code lib_lightgbm} and {@code lib_lightgbm_swig} out of its jar to
 * {@code java.io.tmpdir} under those fixed names, with a {@code FileOutputStream} (truncate, then write), at
 * every JVM start, even when the files are there already, and then {@code System.load}s them. Another JVM
 * that has the same files mapped loses their pages to the truncation and crashes (SIGSEGV or SIGBUS) the next
 * time it runs LightGBM code, so two JVMs started at the same moment on one machine could crash each other.
 *
 * <p>What this does, once per JVM and before the registry touches any lightgbm4j class: it makes a directory
 * that belongs to this process alone ({@link Files#createTempDirectory}: a fresh random name under the real
 * temp directory), points {@code java.io.tmpdir} at it while {@code LGBMBooster} initialises (lightgbm4j
 * reads the property right then), puts the property back, and deletes the copies: on Linux and macOS a
 * loaded library stays mapped after its file is unlinked, so nothing is left behind; where deleting fails
 * (Windows keeps loaded DLLs locked) they are deleted when the JVM exits, if the OS allows. With
 * {@code LIGHTGBM_NATIVE_LIB_PATH} set, lightgbm4j writes nothing and this only initialises it.
 *
 * <p>Limits: during the copy (a few milliseconds to a few hundred, once) another thread reading
 * {@code java.io.tmpdir} sees the private directory; the JDK's own temp-file helpers read the property once
 * and keep it, so this class makes both read it before the switch. If code outside the registry initialises
 * {@code LGBMBooster} first, lightgbm4j's own loader has already run, as before.
 *
 * <p>xgboost4j 3.4.0 needs none of this: its {@code NativeLibLoader} copies {@code libxgboost4j} to a file
 * from {@link File#createTempFile} (a unique name per copy), marks it delete-on-exit and loads that.
 *
 * <p>Thread-safe: the first caller loads, the others wait for it.
 */
final class LightGbmNativeLibrary {
    private static final String BOOSTER = "io.github.metarank.lightgbm4j.LGBMBooster";
    private static final String TMPDIR = "java.io.tmpdir";
    private static volatile boolean loaded;

    private LightGbmNativeLibrary() {
    }

    /**
     * Loads the libraries if this JVM has not yet; cheap afterwards (one volatile read).
     *
     * @throws IllegalStateException if the libraries cannot be copied or loaded
     */
    static void ensureLoaded() {
        if (!loaded) {
            load();
        }
    }

    private static synchronized void load() {
        if (loaded) {
            return;
        }
        if (System.getenv("LIGHTGBM_NATIVE_LIB_PATH") != null) {
            initialise();
            loaded = true;
            return;
        }
        Path privateDir;
        try {
            // Both calls below also make the JDK's temp-file helpers (java.nio.file.TempFileHelper and
            // java.io.File.TempDirectory) read java.io.tmpdir now, so neither caches the private directory.
            privateDir = Files.createTempDirectory("model-registry-lightgbm-");
            Files.delete(File.createTempFile("model-registry-lightgbm-", ".probe").toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a private directory for LightGBM's native libraries", e);
        }
        String tmpdir = System.getProperty(TMPDIR);
        System.setProperty(TMPDIR, privateDir.toString());
        try {
            initialise();
        } finally {
            System.setProperty(TMPDIR, tmpdir);
            deleteQuietly(privateDir);
        }
        loaded = true;
    }

    private static void initialise() {
        try {
            Class.forName(BOOSTER, true, LightGbmNativeLibrary.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load LightGBM's native libraries: " + e, e);
        }
        // lightgbm4j logs an IOException from its initialiser and carries on; say so here instead.
        if (!LGBMBooster.isNativeLoaded()) {
            throw new IllegalStateException("lightgbm4j could not load LightGBM's native libraries (see its log)");
        }
    }

    /** Deletes the copies and the directory; what cannot go now goes at exit, if the OS allows it. */
    private static void deleteQuietly(Path dir) {
        // Registered before its files: deleteOnExit deletes in reverse order, so the files go first.
        dir.toFile().deleteOnExit();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        } catch (IOException e) {
            // Nothing listed: the directory itself is still tried below.
        }
        try {
            Files.delete(dir);
        } catch (IOException e) {
            // Left for exit (see above).
        }
    }
}

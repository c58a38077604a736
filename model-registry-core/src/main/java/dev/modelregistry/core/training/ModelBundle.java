package dev.modelregistry.core.training;

import dev.modelregistry.core.internal.Json;

import dev.modelregistry.api.InvalidArgumentException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The stored form of a trained model, format {@value #FORMAT_ID}: the magic bytes {@code MRBUNDLE},
 * a format version, the length of a JSON manifest, the manifest (trainer id and module, native
 * format, library version, feature count, fitted preprocessing), then the native model bytes in the
 * library's own format to the end. Loading maps the trainer id to a trainer found through
 * ServiceLoader — never a class name read from the file.
 */
final class ModelBundle {
    static final String FORMAT_ID = "model-bundle";
    static final int VERSION = 1;
    private static final byte[] MAGIC = "MRBUNDLE".getBytes(StandardCharsets.US_ASCII);
    /** The largest manifest read; a million features with names and scaling fit well within it. */
    private static final int MAX_MANIFEST = 64 * 1024 * 1024;
    /** The widest model a bundle may describe. */
    static final int MAX_FEATURES = 1_000_000;
    /** The longest id, module, format, version or input name a manifest may hold. */
    static final int MAX_NAME = 1024;

    private ModelBundle() {
    }

    /** What the bundle says about its native part. */
    record Manifest(int version, String trainerId, String trainerModule, String nativeFormatId, String libraryVersion,
            int featureCount, Preprocessor preprocessing) {
    }

    /** Writes the native part. */
    @FunctionalInterface
    interface NativeWriter {
        void write(OutputStream out) throws IOException;
    }

    static void write(OutputStream out, Manifest manifest, NativeWriter nativeWriter) throws IOException {
        byte[] json = Json.writer().writeValueAsBytes(manifest);
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(json.length);
        data.write(json);
        data.flush();
        nativeWriter.write(out);
        out.flush();
    }

    /**
     * Reads the header and manifest; the stream is then positioned at the native bytes. Every count and
     * length is bounded before anything is allocated by it, since the bundle is untrusted input.
     *
     * @throws EOFException if the bundle ends inside its header or manifest
     * @throws IOException with the reason, if the header or manifest is malformed or out of bounds
     */
    static Manifest readManifest(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a model bundle (wrong magic bytes)");
        }
        int version = data.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("model bundle version " + version + " is not supported (1.." + VERSION + ")");
        }
        int length = data.readInt();
        if (length < 2 || length > MAX_MANIFEST) {
            throw new IOException("model bundle manifest length " + length + " is out of range 2.." + MAX_MANIFEST);
        }
        // readNBytes grows with the bytes that actually arrive, so a truncated bundle claiming a large
        // manifest does not allocate the claimed size.
        byte[] json = data.readNBytes(length);
        if (json.length != length) {
            throw new EOFException("the manifest is cut off after " + json.length + " of " + length + " bytes");
        }
        Manifest manifest;
        try {
            manifest = Json.readerFor(Manifest.class).readValue(json);
        } catch (IOException | RuntimeException e) {
            // Preprocessor's constructor reports bad shapes as unchecked exceptions through Jackson.
            throw new IOException("model bundle manifest is invalid: " + reason(e), e);
        }
        if (manifest == null) {
            throw new IOException("model bundle manifest is empty (JSON null)");
        }
        check(manifest);
        return manifest;
    }

    private static void check(Manifest m) throws IOException {
        name(m.trainerId(), "trainerId");
        name(m.trainerModule(), "trainerModule");
        name(m.nativeFormatId(), "nativeFormatId");
        name(m.libraryVersion(), "libraryVersion");
        if (m.featureCount() < 1 || m.featureCount() > MAX_FEATURES) {
            throw new IOException("model bundle manifest featureCount " + m.featureCount() + " is out of range 1.."
                    + MAX_FEATURES);
        }
        Preprocessor p = m.preprocessing();
        if (p == null) {
            throw new IOException("model bundle manifest has no preprocessing");
        }
        if (p.inputNames().size() > MAX_FEATURES) {
            throw new IOException("model bundle preprocessing has " + p.inputNames().size() + " inputs; at most "
                    + MAX_FEATURES);
        }
        for (String input : p.inputNames()) {
            if (input == null || input.length() > MAX_NAME) {
                throw new IOException("model bundle preprocessing has an input name that is missing or longer than "
                        + MAX_NAME + " characters");
            }
        }
        // the native model reads exactly the features the preprocessing keeps
        if (p.selected().size() != m.featureCount()) {
            throw new IOException("model bundle preprocessing keeps " + p.selected().size()
                    + " features; the manifest's featureCount is " + m.featureCount());
        }
    }

    private static void name(String value, String field) throws IOException {
        if (value == null || value.isBlank() || value.length() > MAX_NAME) {
            throw new IOException("model bundle manifest " + field + " is "
                    + (value == null ? "missing" : value.isBlank() ? "blank" : "longer than " + MAX_NAME + " characters"));
        }
    }

    /**
     * A failure's message, or its type when it has none, so no report ever reads {@code null}.
     *
     * @param e the failure
     * @return a non-blank reason
     */
    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

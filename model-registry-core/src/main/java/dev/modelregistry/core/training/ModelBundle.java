package dev.modelregistry.core.training;

import dev.modelregistry.core.internal.Json;

import dev.modelregistry.api.InvalidArgumentException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
    private static final int MAX_MANIFEST = 64 * 1024 * 1024;

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

    /** Reads the header and manifest; the stream is then positioned at the native bytes. */
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
            throw new IOException("model bundle manifest length " + length + " is not plausible");
        }
        byte[] json = new byte[length];
        data.readFully(json);
        try {
            return Json.readerFor(Manifest.class).readValue(json);
        } catch (IOException | InvalidArgumentException e) {
            throw new IOException("model bundle manifest is invalid: " + e.getMessage(), e);
        }
    }
}

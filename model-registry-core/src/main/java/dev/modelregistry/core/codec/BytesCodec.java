package dev.modelregistry.core.codec;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.loading.ModelCodec;
import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the built-in {@value BytesModel#FORMAT_ID} format into memory. Registered in
 * {@code META-INF/services} like any other codec. Stateless and thread-safe.
 */
public final class BytesCodec implements ModelCodec {
    /** Creates the codec (ServiceLoader needs a public no-argument constructor). */
    public BytesCodec() {
    }

    @Override
    public String formatId() {
        return BytesModel.FORMAT_ID;
    }

    @Override
    public LoadedModel decode(InputStream artifact, ModelVersion version) throws IOException {
        if (version.artifact().size() > Integer.MAX_VALUE - 8) {
            throw new InvalidArgumentException("artifact of " + version.artifact().size()
                    + " bytes is too large to load into memory; stream it with openArtifact instead");
        }
        // Straight into one array of the recorded size: readNBytes(int) would gather chunks and copy them
        // (twice the artifact in heap, half the throughput). The caller verifies size and digest after.
        byte[] bytes = new byte[(int) version.artifact().size()];
        int n = artifact.readNBytes(bytes, 0, bytes.length);
        if (n != bytes.length) {
            throw new IOException("the artifact ended after " + n + " of its " + bytes.length + " bytes");
        }
        return new BytesModel(version, bytes);
    }
}

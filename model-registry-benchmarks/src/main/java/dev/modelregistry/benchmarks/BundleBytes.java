package dev.modelregistry.benchmarks;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.core.ModelRegistry;
import java.io.DataInputStream;
import java.io.IOException;

/** Reads the library's own model bytes out of a registered bundle, for the raw baselines. Stateless. */
final class BundleBytes {
    private BundleBytes() {
    }

    /**
     * The native model inside the bundle: after the magic, the format version and the length-prefixed
     * manifest JSON come the library's bytes (LightGBM text, XGBoost UBJSON).
     *
     * @param registry the registry holding it
     * @param ref the version
     * @return the library's bytes
     * @throws IOException if reading fails
     */
    static byte[] nativeModel(ModelRegistry registry, ModelRef ref) throws IOException {
        try (DataInputStream in = new DataInputStream(registry.models().openArtifact(ref))) {
            in.readFully(new byte[8]); // MRBUNDLE
            in.readInt();
            in.readFully(new byte[in.readInt()]);
            return in.readAllBytes();
        }
    }
}

package dev.modelregistry.core.internal.loading;

import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.loading.ModelCodec;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import dev.modelregistry.api.storage.VerifyingInputStream;

/**
 * Decodes a version from a verifying stream, then reads whatever the codec left, so the size and
 * SHA-256 are checked before the model is returned; a mismatch releases the decoded model and throws
 * {@link IntegrityException}. The one cold-load path for the cache and for serving copies.
 */
public final class VerifiedDecoder {
    private VerifiedDecoder() {
    }

    static LoadedModel decode(ModelStorage storage, Codecs codecs, ModelVersion version) {
        ModelCodec codec = codecs.forVersion(version);
        try (InputStream raw = storage.read(version.artifact());
                VerifyingInputStream in = raw instanceof VerifyingInputStream v ? v
                        : new VerifyingInputStream(raw, version.artifact())) {
            LoadedModel model;
            try {
                model = codec.decode(in, version);
            } catch (IOException | RuntimeException e) {
                // Corrupt bytes often surface as a decoding error: report the integrity failure first.
                in.drainAndVerify();
                throw e;
            }
            try {
                in.drainAndVerify();
            } catch (IntegrityException | IOException e) {
                model.release();
                throw e;
            }
            return model;
        } catch (IOException e) {
            throw new ModelRegistryException("cannot decode " + version.ref() + " as '"
                    + version.metadata().formatId() + "': " + e.getMessage(), e);
        }
    }
}

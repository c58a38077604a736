package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.loading.ModelCodec;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.version.ModelVersion;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Loads trained models (format {@value ModelBundle#FORMAT_ID}): reads the manifest, finds the
 * trainer by id, lets it read its native bytes, and puts the stored preprocessing in front. A model
 * whose trainer module is missing fails with a message naming the module to add.
 *
 * <p>Thread-safe. The registry adds it to the codecs it finds, with the trainers it found.
 */
public final class BundleCodec implements ModelCodec {
    private final Trainers trainers;

    /**
     * Creates the codec.
     *
     * @param trainers the trainers whose formats it can read
     */
    public BundleCodec(Trainers trainers) {
        this.trainers = trainers;
    }

    @Override
    public String formatId() {
        return ModelBundle.FORMAT_ID;
    }

    /**
     * Decodes a bundle. Every failure of the bundle's own bytes, its header, manifest or native part, is an
     * {@link InvalidArtifactException} naming the version and the reason.
     *
     * @param artifact the bundle bytes
     * @param version the version being loaded
     * @return the model
     * @throws InvalidArtifactException if the bundle is truncated, malformed, out of bounds, or its native
     *         model is refused by its trainer
     * @throws UnsupportedFormatException if the trainer's module is not on the class path
     * @throws IOException if reading the stream fails
     */
    @Override
    public LoadedModel decode(InputStream artifact, ModelVersion version) throws IOException {
        ModelBundle.Manifest manifest;
        try {
            manifest = ModelBundle.readManifest(artifact);
        } catch (EOFException e) {
            throw invalid(version, "the bundle is truncated in its header or manifest"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        } catch (IOException e) {
            throw invalid(version, ModelBundle.reason(e), e);
        }
        Trainer trainer = trainers.find(manifest.trainerId()).orElseThrow(() -> new UnsupportedFormatException(
                "cannot load " + version.ref() + ": it was trained by '" + manifest.trainerId()
                        + "', whose module is not on the class path. Add " + manifest.trainerModule()
                        + " (format '" + manifest.nativeFormatId() + "') to your dependencies."));
        NativeModel nativeModel;
        String part = "its " + manifest.trainerId() + " model (format '" + manifest.nativeFormatId() + "')";
        try {
            nativeModel = trainer.read(artifact, manifest.featureCount());
        } catch (EOFException e) {
            throw invalid(version, part + " is truncated", e);
        } catch (IOException e) {
            throw invalid(version, part + " is invalid: " + ModelBundle.reason(e), e);
        } catch (ModelRegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            // A trainer library's own unchecked failure on bad bytes; callers catch ModelRegistryException.
            throw invalid(version, part + " could not be read: " + ModelBundle.reason(e), e);
        }
        return new BundleModel(version, new FittedModel(manifest.trainerId(), manifest.trainerModule(),
                manifest.nativeFormatId(), manifest.libraryVersion(), manifest.preprocessing(), nativeModel,
                version.metadata()));
    }

    private static InvalidArtifactException invalid(ModelVersion version, String reason, Exception cause) {
        return new InvalidArtifactException("cannot load " + version.ref() + " as '" + ModelBundle.FORMAT_ID + "': "
                + reason, cause);
    }
}

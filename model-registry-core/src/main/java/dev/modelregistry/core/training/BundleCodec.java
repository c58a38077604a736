package dev.modelregistry.core.training;

import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.api.storage.LoadedModel;
import dev.modelregistry.api.storage.ModelCodec;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.version.ModelVersion;
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

    @Override
    public LoadedModel decode(InputStream artifact, ModelVersion version) throws IOException {
        ModelBundle.Manifest manifest = ModelBundle.readManifest(artifact);
        Trainer trainer = trainers.find(manifest.trainerId()).orElseThrow(() -> new UnsupportedFormatException(
                "cannot load " + version.ref() + ": it was trained by '" + manifest.trainerId()
                        + "', whose module is not on the class path. Add " + manifest.trainerModule()
                        + " (format '" + manifest.nativeFormatId() + "') to your dependencies."));
        NativeModel nativeModel = trainer.read(artifact, manifest.featureCount());
        return new BundleModel(version, new TrainedModel(manifest.trainerId(), manifest.trainerModule(),
                manifest.nativeFormatId(), manifest.libraryVersion(), manifest.preprocessing(), nativeModel,
                version.metadata()));
    }
}

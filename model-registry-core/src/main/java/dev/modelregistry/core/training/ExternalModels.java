package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.service.Imputation;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The seam for models trained outside this JVM's training service, for example by XGBoost on a Spark cluster
 * (module {@code model-registry-trainer-spark}): such a trainer fits the preprocessing and the native model its own
 * way, then {@link #assemble}s them into the same {@link TrainedModel} the service makes, so
 * {@code registry.training().register(...)} stores an ordinary {@value ModelBundle#FORMAT_ID} that any JVM with the
 * serving trainer loads; {@link #read} reads such a bundle back without a registry (on a Spark executor).
 *
 * <p>Stateless and thread-safe.
 */
public final class ExternalModels {
    /** The format id of the bundles {@link #assemble}d models are registered as. */
    public static final String FORMAT_ID = ModelBundle.FORMAT_ID;

    private ExternalModels() {
    }

    /**
     * A preprocessing fitted elsewhere that keeps every input feature: NaN and ±Infinity are missing and filled
     * by {@code fill} (or stay NaN without imputation), then kept values are standardised by {@code center} and
     * {@code scale}, exactly as the registry's own preprocessing serves.
     *
     * @param inputNames the feature names, in order
     * @param imputation how missing values are filled
     * @param fill one value per feature; empty when imputation is NONE
     * @param center one mean per feature; empty when not standardising
     * @param scale one standard deviation per feature, 1 where it was 0; empty when not standardising
     */
    public record Preprocessing(List<String> inputNames, Imputation imputation, List<Double> fill,
            List<Double> center, List<Double> scale) {
        /**
         * Copies the lists; {@link #assemble} checks the shapes.
         *
         * @param inputNames the names
         * @param imputation the imputation
         * @param fill the fill values
         * @param center the centres
         * @param scale the scales
         */
        public Preprocessing {
            inputNames = List.copyOf(inputNames);
            Objects.requireNonNull(imputation, "imputation");
            fill = List.copyOf(fill);
            center = List.copyOf(center);
            scale = List.copyOf(scale);
        }

        /**
         * Applies it to one row, with the one implementation serving uses, so a transform done here (or on a
         * Spark executor) and a served prediction see the same values bit for bit.
         *
         * @param raw the row, as wide as {@link #inputNames()}
         * @return the transformed row
         */
        public double[] transform(double[] raw) {
            return toPreprocessor().transform(raw);
        }

        Preprocessor toPreprocessor() {
            return new Preprocessor(inputNames, IntStream.range(0, inputNames.size()).boxed().toList(), imputation,
                    fill, center, scale);
        }
    }

    /**
     * Puts a preprocessing in front of a native model the serving trainer has read, as the training service does.
     *
     * @param servingTrainer the trainer that reads the native model when the version loads (its id and module go
     *        into the bundle's manifest)
     * @param preprocessing the fitted preprocessing
     * @param nativeModel the model, as {@code servingTrainer.read} made it; the result owns it
     * @param metadata what registration records; its format must be {@link #FORMAT_ID}
     * @return the trained model, ready for {@code registry.training().register}
     * @throws InvalidArgumentException if the shapes disagree or the metadata has another format
     */
    public static TrainedModel assemble(Trainer servingTrainer, Preprocessing preprocessing, NativeModel nativeModel,
            ModelMetadata metadata) {
        Objects.requireNonNull(servingTrainer, "servingTrainer");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(nativeModel, "nativeModel");
        Objects.requireNonNull(metadata, "metadata");
        if (!metadata.formatId().equals(FORMAT_ID)) {
            throw new InvalidArgumentException("an assembled model registers as '" + FORMAT_ID + "', not '"
                    + metadata.formatId() + "'");
        }
        if (nativeModel.featureCount() != preprocessing.inputNames().size()) {
            throw new InvalidArgumentException("the native model takes " + nativeModel.featureCount()
                    + " features; the preprocessing gives " + preprocessing.inputNames().size());
        }
        return new FittedModel(servingTrainer.id(), servingTrainer.module(), servingTrainer.formatId(),
                servingTrainer.libraryVersion(), preprocessing.toPreprocessor(), nativeModel, metadata);
    }

    /**
     * Reads a bundle without a registry, finding its trainer through {@link java.util.ServiceLoader}.
     *
     * @param bundle the bundle bytes; not closed
     * @param metadata the metadata the model reports
     * @param loader where trainers are found
     * @return the model; the caller closes it
     * @throws InvalidArtifactException if the bundle is malformed
     * @throws UnsupportedFormatException if its trainer is not on the class path
     * @throws IOException if reading fails
     */
    public static TrainedModel read(InputStream bundle, ModelMetadata metadata, ClassLoader loader)
            throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(loader, "loader");
        ModelBundle.Manifest m;
        try {
            m = ModelBundle.readManifest(bundle);
        } catch (IOException e) {
            throw new InvalidArtifactException("not a readable model bundle: " + ModelBundle.reason(e), e);
        }
        Trainer trainer = Trainers.discover(loader).find(m.trainerId()).orElseThrow(() ->
                new UnsupportedFormatException("the bundle was trained for '" + m.trainerId() + "'; add "
                        + m.trainerModule() + " to the class path"));
        NativeModel nativeModel = trainer.read(bundle, m.featureCount());
        return new FittedModel(m.trainerId(), m.trainerModule(), m.nativeFormatId(), m.libraryVersion(),
                m.preprocessing(), nativeModel, metadata);
    }
}

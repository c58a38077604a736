package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.version.ModelVersion;
import java.util.Optional;

/**
 * A trained model loaded from the registry: the version it came from and the {@link FittedModel}
 * that predicts, which {@link #unwrap} hands out as a {@link TrainedModel}. The cache releases it;
 * releasing waits for in-flight predictions (see {@link TrainedModel#close()}).
 *
 * <p>Thread-safe.
 */
final class BundleModel implements LoadedModel {
    private final ModelVersion version;
    private final FittedModel model;

    BundleModel(ModelVersion version, FittedModel model) {
        this.version = version;
        this.model = model;
    }

    @Override
    public ModelVersion version() {
        return version;
    }

    @Override
    public long weightBytes() {
        return model.sizeBytes();
    }

    @Override
    public Optional<Predictor> predictor() {
        return Optional.of(model);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(model)) {
            return type.cast(model);
        }
        throw new InvalidArgumentException("a trained model unwraps to " + TrainedModel.class.getName() + ", not "
                + type.getName());
    }

    @Override
    public void release() {
        model.close();
    }
}

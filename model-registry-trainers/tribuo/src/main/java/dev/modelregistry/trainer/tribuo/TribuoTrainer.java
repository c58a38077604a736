package dev.modelregistry.trainer.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.TrainingFailedException;
import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.HyperParameters;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.regression.Regressor;

/**
 * What the four Tribuo regression trainers share: their description, data conversion, cancellation,
 * progress, the storage format and reading. Their input comes checked ({@link TrainingInput#of}): regression,
 * resolved hyper-parameters, rows.
 *
 * <p>Thread-safe: stateless; every call to {@link #train} builds its own Tribuo trainer.
 */
abstract class TribuoTrainer extends TrainerSupport {
    /** The format every Tribuo trainer writes; any of them reads any Tribuo regression model. */
    static final String FORMAT_ID = "tribuo-protobuf";

    /** The Maven artifact of this module. */
    static final String MODULE = "dev.modelregistry:model-registry-trainer-tribuo";

    /**
     * Tribuo logs through java.util.logging at INFO on every fit (each SGD epoch's loss, tree sizes, ...),
     * which floods an application's console and a build's test output. So its {@code org.tribuo} logger is
     * set to WARNING once, when the first Tribuo trainer class loads. Only the level: no handler is
     * installed and the root logger is not touched, so the application's logging configuration still
     * decides where records go. A level the application gave {@code org.tribuo} itself (in
     * logging.properties, or in code before this) is kept; one set in code later wins as usual. The field
     * holds the logger strongly: java.util.logging keeps loggers only weakly, and a collected logger would
     * forget its level.
     */
    private static final Logger TRIBUO_LOG = quietTribuoLogging();

    /**
     * Creates the trainer.
     *
     * @param id the trainer id
     * @param hyperParameters the parameters it accepts
     */
    TribuoTrainer(String id, List<HyperParameter> hyperParameters) {
        super(id, FORMAT_ID, Tribuo.VERSION, MODULE, Set.of(Task.REGRESSION), hyperParameters);
    }

    private static Logger quietTribuoLogging() {
        Logger logger = Logger.getLogger("org.tribuo");
        if (logger.getLevel() == null) {
            logger.setLevel(Level.WARNING);
        }
        return logger;
    }

    /**
     * Builds the Tribuo trainer for one run.
     *
     * @param params the resolved hyper-parameters (every declared one present)
     * @param spec the spec, for seed and threads
     * @return a fresh trainer
     */
    abstract org.tribuo.Trainer<Regressor> create(HyperParameters params, TrainingSpec spec);

    /**
     * {@inheritDoc} The registry imputes before training and prediction.
     *
     * @return false
     */
    @Override
    public final boolean handlesMissingValues() {
        return false;
    }

    /**
     * {@inheritDoc} Tribuo trains in one call we cannot cut short.
     *
     * @return false
     */
    @Override
    public final boolean supportsEarlyStopping() {
        return false;
    }

    /**
     * {@inheritDoc} The validation set, if any, is not used: these trainers have no early stopping.
     *
     * @throws InvalidArgumentException if Tribuo refuses the combination of parameters, or a training row
     *         has a NaN or infinite value
     * @throws TrainingCancelledException if the context was cancelled before or during training
     * @throws TrainingFailedException if Tribuo fails
     */
    @Override
    public final NativeModel train(TrainingInput input) {
        Objects.requireNonNull(input, "input");
        String id = id();
        TrainingSpec spec = input.spec();
        HyperParameters params = input.parameters();
        org.tribuo.Trainer<Regressor> trainer;
        try {
            trainer = create(params, spec);
        } catch (PropertyException | IllegalArgumentException e) {
            throw new InvalidArgumentException("trainer '" + id + "' rejects parameters " + params.asMap() + ": "
                    + e.getMessage(), e);
        }
        MutableDataset<Regressor> data = TribuoData.toTribuo(input.train());
        TrainingContext context = input.context();
        if (context.cancelled()) {
            throw new TrainingCancelledException("training with '" + id + "' was cancelled before it started");
        }
        Model<Regressor> model;
        try {
            model = trainer.train(data, Map.<String, Provenance>of(
                    "model-registry-trainer", new StringProvenance("model-registry-trainer", id)));
        } catch (RuntimeException e) {
            throw new TrainingFailedException("Tribuo trainer '" + id + "' failed: " + e, e);
        }
        // Serializing once gives the size estimate the cache weighs the model by.
        TribuoNativeModel result = new TribuoNativeModel(model, input.train().featureCount(),
                model.serialize().getSerializedSize());
        if (context.cancelled()) {
            TrainingCancelledException cancelled = new TrainingCancelledException("training with '" + id
                    + "' was cancelled; the model is discarded");
            TrainerSupport.closeAfterFailure(result, cancelled);
            throw cancelled;
        }
        context.iteration(1, 1, OptionalDouble.empty());
        return result;
    }

    /** {@inheritDoc} Reads any Tribuo regression model this module wrote, whichever trainer wrote it. */
    @Override
    public final NativeModel read(InputStream in, int featureCount) throws IOException {
        return TribuoNativeModel.read(in, featureCount);
    }

}

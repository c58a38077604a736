package dev.modelregistry.core.internal.loading;

import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.api.loading.ModelCodec;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.TrainingInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The codecs on the class path, by format id: those registered as {@link ModelCodec} services.
 * The one place that calls {@link ServiceLoader} for them.
 * A format id offered twice fails loudly: which codec would win must never depend on class-path order.
 * Immutable and thread-safe.
 */
public final class Codecs {
    private final Map<String, ModelCodec> byFormat;

    private Codecs(Map<String, ModelCodec> byFormat) {
        this.byFormat = Collections.unmodifiableMap(byFormat);
    }

    /** The codecs a registry uses: the services in {@code loader} plus the bundle codec for these trainers. */
    public static Codecs discover(ClassLoader loader, dev.modelregistry.core.training.Trainers trainers) {
        return discover(loader, List.of(new dev.modelregistry.core.training.BundleCodec(trainers)));
    }

    public static Codecs discover(ClassLoader loader, List<ModelCodec> builtIn) {
        Map<String, ModelCodec> found = new TreeMap<>();
        builtIn.forEach(codec -> add(found, codec));
        for (ModelCodec codec : ServiceLoader.load(ModelCodec.class, loader)) {
            add(found, codec);
        }
        return new Codecs(found);
    }

    private static void add(Map<String, ModelCodec> found, ModelCodec codec) {
        ModelCodec before = found.putIfAbsent(codec.formatId(), codec);
        if (before != null && before.getClass() != codec.getClass()) {
            throw new ModelRegistryException("two codecs claim format '" + codec.formatId() + "': "
                    + before.getClass().getName() + " and " + codec.getClass().getName()
                    + "; remove one of their modules from the class path");
        }
    }

    /** Whether some codec here reads this format. */
    public boolean reads(String formatId) {
        return byFormat.containsKey(formatId);
    }

    public ModelCodec forVersion(ModelVersion version) {
        String format = version.metadata().formatId();
        ModelCodec codec = byFormat.get(format);
        if (codec == null) {
            String trainer = version.metadata().training().map(TrainingInfo::trainerId).orElse(format);
            throw new UnsupportedFormatException("cannot load " + version.ref() + ": no codec for format '" + format
                    + "' is on the class path. Add the trainer module that provides it"
                    + " (dev.modelregistry:model-registry-trainer-" + trainer + "). Formats available: "
                    + byFormat.keySet());
        }
        return codec;
    }
}

package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.core.internal.Stats;
import dev.modelregistry.api.training.service.Imputation;
import dev.modelregistry.api.training.service.PreprocessingSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted preprocessing pipeline: which input features are kept, how missing values are filled and
 * how each kept feature is scaled. It is fitted on the training split only, stored inside the model
 * bundle, and applied identically when the model serves, so serving sees exactly what training saw.
 *
 * <p>Missing values: NaN and ±Infinity both count as missing. With imputation they are filled; without
 * it they stay NaN for trainers that handle missing values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param inputNames the feature names the pipeline takes, in order
 * @param selected indices into {@code inputNames} of the features kept, in output order
 * @param imputation how missing values are filled
 * @param fill the fill value per kept feature (empty when imputation is NONE)
 * @param center the mean per kept feature (empty when not standardising)
 * @param scale the standard deviation per kept feature, 1 where it was 0 (empty when not standardising)
 */
record Preprocessor(List<String> inputNames, List<Integer> selected, Imputation imputation, List<Double> fill,
        List<Double> center, List<Double> scale) {

    /**
     * Validates the shapes.
     *
     * @param inputNames the input names
     * @param selected the kept indices
     * @param imputation the imputation
     * @param fill the fill values
     * @param center the centers
     * @param scale the scales
     */
    public Preprocessor {
        inputNames = List.copyOf(inputNames);
        selected = List.copyOf(selected);
        Objects.requireNonNull(imputation, "imputation");
        fill = List.copyOf(fill);
        center = List.copyOf(center);
        scale = List.copyOf(scale);
        for (int i : selected) {
            Objects.checkIndex(i, inputNames.size());
        }
        if (imputation != Imputation.NONE && fill.size() != selected.size()) {
            throw new InvalidArgumentException("one fill value per kept feature is needed");
        }
        if (center.size() != scale.size() || !center.isEmpty() && center.size() != selected.size()) {
            throw new InvalidArgumentException("one center and scale per kept feature is needed");
        }
    }

    /**
     * Fits every step but importance selection on a training split.
     *
     * @param train the training rows
     * @param spec what to fit
     * @return the fitted pipeline
     */
    public static Preprocessor fit(Dataset train, PreprocessingSpec spec) {
        if (train.rowCount() == 0) {
            throw new InvalidArgumentException("cannot fit preprocessing on an empty training split");
        }
        int p = train.featureCount();
        double[][] cols = columns(train);
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            kept.add(j);
        }
        double[] fills = new double[p];
        Arrays.fill(fills, Double.NaN);
        if (spec.imputation() != Imputation.NONE) {
            for (int j = 0; j < p; j++) {
                fills[j] = (spec.imputation() == Imputation.MEAN ? Stats.mean(cols[j]) : Stats.median(cols[j]))
                        .orElse(Double.NaN);
                if (Double.isNaN(fills[j])) {
                    fills[j] = 0; // a feature with no value at all in training: fill with 0, say so in docs
                }
                fill(cols[j], fills[j]);
            }
        }
        if (spec.minVariance().isPresent()) {
            double min = spec.minVariance().getAsDouble();
            kept.removeIf(j -> !(Stats.populationVariance(cols[j]).orElse(Double.NaN) > min));
        }
        if (spec.maxCorrelation().isPresent()) {
            double max = spec.maxCorrelation().getAsDouble();
            List<Integer> out = new ArrayList<>();
            for (int j : kept) {
                boolean redundant = false;
                for (int k : out) {
                    if (Math.abs(Stats.pearson(cols[j], cols[k]).orElse(0)) > max) {
                        redundant = true;
                        break;
                    }
                }
                if (!redundant) {
                    out.add(j);
                }
            }
            kept = out;
        }
        if (kept.isEmpty()) {
            throw new InvalidArgumentException("preprocessing removed every feature; loosen minVariance or maxCorrelation");
        }
        return build(train.featureNames(), kept, spec.imputation(), fills, spec.standardize() ? cols : null);
    }

    /**
     * The same pipeline keeping only some of its output features (for importance selection), with
     * scaling refitted on the training split.
     *
     * @param outputIndices indices into this pipeline's output features
     * @param train the training rows the pipeline was fitted on
     * @return the narrower pipeline
     */
    public Preprocessor keep(List<Integer> outputIndices, Dataset train) {
        List<Integer> narrowed = outputIndices.stream().map(selected::get).toList();
        double[] fills = new double[inputNames.size()];
        Arrays.fill(fills, Double.NaN);
        for (int i = 0; i < selected.size() && !fill.isEmpty(); i++) {
            fills[selected.get(i)] = fill.get(i);
        }
        double[][] cols = null;
        if (!center.isEmpty()) {
            cols = columns(train);
            if (imputation != Imputation.NONE) {
                for (int j : narrowed) {
                    fill(cols[j], fills[j]);
                }
            }
        }
        return build(inputNames, narrowed, imputation, fills, cols);
    }

    private static Preprocessor build(List<String> names, List<Integer> kept, Imputation imputation, double[] fills,
            double[][] colsForScaling) {
        List<Double> f = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int j : kept) {
            if (imputation != Imputation.NONE) {
                f.add(fills[j]);
            }
            if (colsForScaling != null) {
                double mean = Stats.mean(colsForScaling[j]).orElse(Double.NaN);
                double sd = Stats.populationStd(colsForScaling[j]).orElse(Double.NaN);
                c.add(Double.isNaN(mean) ? 0 : mean);
                s.add(!(sd > 0) ? 1 : sd);
            }
        }
        return new Preprocessor(names, kept, imputation, f, c, s);
    }

    /**
     * One line on what this pipeline does, without the fitted numbers: how many features it keeps, how it fills
     * missing values and whether it standardises.
     *
     * @return e.g. {@code 5 of 7 features, imputation MEDIAN, standardised}
     */
    public String summary() {
        return selected.size() + " of " + inputNames.size() + " features, imputation " + imputation
                + (center.isEmpty() ? ", not scaled" : ", standardised");
    }

    /**
     * The names of the features the model receives, in order.
     *
     * @return the kept feature names
     */
    public List<String> outputNames() {
        return selected.stream().map(inputNames::get).toList();
    }

    /**
     * Applies the pipeline to one row of input features.
     *
     * @param raw the row, as wide as {@link #inputNames()}
     * @return the transformed row, as wide as {@link #outputNames()}
     * @throws InvalidArgumentException if the row has the wrong width
     */
    public double[] transform(double[] raw) {
        return compile().apply(raw);
    }

    /**
     * This pipeline with its lists unboxed, for transforming many rows.
     *
     * @return the compiled pipeline
     */
    RowTransform compile() {
        return new RowTransform(this);
    }

    /**
     * Applies the pipeline to every row of a dataset, keeping labels and times.
     *
     * @param data rows with this pipeline's input features
     * @return the transformed dataset
     */
    public Dataset transform(Dataset data) {
        if (!data.featureNames().equals(inputNames)) {
            throw new InvalidArgumentException("dataset features " + data.featureNames() + " differ from the "
                    + "features the preprocessing was fitted on " + inputNames);
        }
        RowTransform compiled = compile();
        double[][] rows = new double[data.rowCount()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = compiled.apply(data.row(r));
        }
        return data.times().isPresent()
                ? Dataset.of(outputNames(), rows, data.labels(), data.times().get())
                : Dataset.of(outputNames(), rows, data.labels());
    }

    private static double[][] columns(Dataset d) {
        double[][] cols = new double[d.featureCount()][d.rowCount()];
        for (int r = 0; r < d.rowCount(); r++) {
            for (int j = 0; j < d.featureCount(); j++) {
                double v = d.value(r, j);
                cols[j][r] = Double.isFinite(v) ? v : Double.NaN;
            }
        }
        return cols;
    }

    private static void fill(double[] col, double value) {
        for (int i = 0; i < col.length; i++) {
            if (Double.isNaN(col[i])) {
                col[i] = value;
            }
        }
    }
}

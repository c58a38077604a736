package dev.modelregistry.core.training;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.service.Imputation;

/**
 * A {@link Preprocessor} compiled for serving: its boxed lists unboxed into arrays once, so that a row is
 * transformed with one allocation (the output row) and no boxing. This is the only implementation of the
 * per-row arithmetic ({@link Preprocessor#transform(double[])} uses it too), so a served prediction and a
 * training-time transform agree bit for bit.
 *
 * <p>Immutable and thread-safe.
 */
final class RowTransform {
    private final Preprocessor source;
    private final int inputWidth;
    /** Input index per output column. */
    private final int[] selected;
    /** Fill value per output column; null without imputation (missing values stay NaN). */
    private final double[] fill;
    /** Centre and scale per output column; null when not standardising. */
    private final double[] center;
    private final double[] scale;

    RowTransform(Preprocessor source) {
        this.source = source;
        this.inputWidth = source.inputNames().size();
        this.selected = source.selected().stream().mapToInt(Integer::intValue).toArray();
        this.fill = source.imputation() == Imputation.NONE ? null
                : source.fill().stream().mapToDouble(Double::doubleValue).toArray();
        this.center = source.center().isEmpty() ? null
                : source.center().stream().mapToDouble(Double::doubleValue).toArray();
        this.scale = center == null ? null : source.scale().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Applies the pipeline to one row: NaN and ±Infinity count as missing and are filled (or become NaN
     * without imputation), then kept values are standardised.
     *
     * @param raw the row, as wide as the pipeline's inputs; not modified
     * @return a new row, as wide as its outputs
     * @throws InvalidArgumentException if the row has the wrong width
     */
    double[] apply(double[] raw) {
        if (raw.length != inputWidth) {
            throw new InvalidArgumentException("row has " + raw.length + " values; the model expects "
                    + inputWidth + " features " + source.inputNames());
        }
        double[] out = new double[selected.length];
        for (int i = 0; i < out.length; i++) {
            double v = raw[selected[i]];
            if (!Double.isFinite(v)) {
                v = fill == null ? Double.NaN : fill[i];
            }
            if (center != null && !Double.isNaN(v)) {
                v = (v - center[i]) / scale[i];
            }
            out[i] = v;
        }
        return out;
    }
}

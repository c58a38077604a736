package dev.modelregistry.api.evaluation;

/** The loss the Diebold–Mariano test compares. */
public enum LossFunction {
    /** {@code (prediction − actual)²}. */
    SQUARED,
    /** {@code |prediction − actual|}. */
    ABSOLUTE;

    /**
     * The loss of one prediction.
     *
     * @param actual the realised value
     * @param predicted the prediction
     * @return the loss, at least 0
     */
    public double loss(double actual, double predicted) {
        double e = predicted - actual;
        return this == SQUARED ? e * e : Math.abs(e);
    }
}

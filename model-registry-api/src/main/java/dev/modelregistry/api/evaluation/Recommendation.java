package dev.modelregistry.api.evaluation;

/** What to do with an evaluated model. */
public enum Recommendation {
    /** Every gate passed and the evidence is significant: serve it. */
    PROMOTE,
    /** Every hard gate passed but the evidence is not yet significant: serve it to a small share of traffic. */
    CANARY,
    /** Nothing failed outright, but a value is undefined or the model is not better: keep what serves now. */
    HOLD,
    /** A hard gate failed, or the model is significantly worse: do not deploy. */
    REJECT
}

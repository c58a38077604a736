package dev.modelregistry.api.training.service;

/** How missing feature values (NaN, and infinities, which count as missing) are filled. */
public enum Imputation {
    /** Leave them missing (only for trainers that handle missing values). */
    NONE,
    /** The training split's mean of the feature. */
    MEAN,
    /** The training split's median of the feature. */
    MEDIAN
}

package dev.modelregistry.api.version;

/** The kind of values a feature holds. */
public enum FeatureType {
    /** A real number. */
    NUMERIC,
    /** One of a set of labels, encoded as numbers for the model. */
    CATEGORICAL,
    /** True or false, encoded as 1 and 0. */
    BOOLEAN
}

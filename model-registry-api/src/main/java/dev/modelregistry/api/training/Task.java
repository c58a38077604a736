package dev.modelregistry.api.training;

/** What a model learns to predict. */
public enum Task {
    /** A real number, such as the next day's return. */
    REGRESSION,
    /** One of two classes, such as up or down; predictions are probabilities of the positive class. */
    BINARY_CLASSIFICATION
}

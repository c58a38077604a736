/**
 * Training around the trainer SPI: datasets from CSV and rows, a preprocessing
 * pipeline fitted on training data and stored with the model, validation splits (holdout, k-fold,
 * walk-forward with purge and embargo), synchronous and asynchronous training with progress and
 * cancellation, and registration that fills the metadata by itself.
 */
package dev.modelregistry.core.training;

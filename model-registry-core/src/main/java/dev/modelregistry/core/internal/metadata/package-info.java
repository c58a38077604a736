/**
 * Internal, not API: the metadata store. All SQL lives here: the database seam
 * ({@code MetadataDatabase}, with {@code SqliteDatabase} and its migrations as the embedded
 * implementation), the statements over it ({@code Tx}), versions, aliases, tags and search
 * ({@code SqlVersionManager}), deployments ({@code SqlDeploymentStore}), served predictions and their
 * outcomes ({@code SqlOutcomeStore}), each process's monitoring counters ({@code SqlHostMetricsStore}),
 * the audit log, the registry
 * identity, and the row-level statements several rooms share ({@code Tables}). Other rooms reach the
 * tables only through this package. Anything here may change in any release.
 */
package dev.modelregistry.core.internal.metadata;

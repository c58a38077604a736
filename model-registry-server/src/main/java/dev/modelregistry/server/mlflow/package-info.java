/**
 * MLflow's Model Registry REST dialect under {@code /api/2.0/mlflow/}, as a
 * {@link dev.modelregistry.server.RouteGroup}: {@link dev.modelregistry.server.mlflow.MlflowRoutes#group()}.
 * MLflow's own clients (the Java {@code org.mlflow:mlflow-client} and the Python {@code mlflow} package) read
 * and write models, versions, tags and aliases of a registry through it, unchanged.
 *
 * <p>Where the two models differ (models exist through their versions here, version numbers are never reused,
 * MLflow's stages are aliases here, a version's {@code source} must be something this server can read), the
 * mapping is in {@code docs/mlflow-compatibility.md}.
 */
package dev.modelregistry.server.mlflow;

/**
 * The registry over HTTP: {@link dev.modelregistry.server.RegistryServer#start} serves one
 * {@link dev.modelregistry.core.ModelRegistry} as a JSON REST API under {@code /api/v1}, with bearer tokens and
 * roles ({@link dev.modelregistry.server.security}), MLflow's Model Registry dialect under
 * {@code /api/2.0/mlflow/} ({@link dev.modelregistry.server.mlflow}), and takes further route groups through
 * {@link dev.modelregistry.server.RouteGroup}.
 *
 * <p>Why Javalin 7: it is small (one jar over Jetty, no annotation scanning or dependency injection), routes
 * are plain lambdas with route roles, which is exactly the shape of a role check in a before-handler, and it
 * has Server-Sent Events built in for the alert and training-progress streams. Underneath is Jetty 12, a
 * maintained server with TLS from a keystore and true streaming in both directions: artifact uploads are read
 * from the request's input stream and downloads written to the response's output stream, never buffered
 * whole. Jetty alone would have meant writing the routing, path parameters and SSE framing by hand.
 *
 * <p>The server is optional: applications that do not add this module get neither Javalin nor Jetty.
 */
package dev.modelregistry.server;

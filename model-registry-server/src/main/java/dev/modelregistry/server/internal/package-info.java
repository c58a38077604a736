/** The server's implementation: Javalin set-up, authentication, error mapping and the /api/v1 routes. */
package dev.modelregistry.server.internal;

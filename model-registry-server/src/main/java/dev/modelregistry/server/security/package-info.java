/**
 * Bearer tokens with roles: the {@link dev.modelregistry.server.security.TokenStore} the server checks and the
 * CLI's {@code token create|revoke|list} edits, and the {@link dev.modelregistry.server.security.Role}s.
 */
package dev.modelregistry.server.security;

package dev.modelregistry.cli;

import dev.modelregistry.api.ModelRegistryException;

/**
 * The server refused the caller: no token, an unknown or revoked one (HTTP 401), or one whose role does not
 * cover the call (403). Its own exit code, {@link ExitCodes#AUTH}, so a script can tell "fix your token" from
 * "the model is not there". Immutable and thread-safe.
 */
final class RemoteAccessException extends ModelRegistryException {
    private static final long serialVersionUID = 1L;

    RemoteAccessException(String message) {
        super(message);
    }
}

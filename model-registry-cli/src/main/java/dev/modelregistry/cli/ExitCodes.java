package dev.modelregistry.cli;

import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.api.UntrustedArchiveException;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The exit codes of {@code model-registry}, one per branch of the project's exception tree, so a script can tell
 * "not there" from "refused" from "broken" without parsing messages. docs/cli.md lists them; they do not change
 * meaning between releases. Stateless and thread-safe.
 */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /**
     * A usage error (unknown option, missing or malformed argument; picocli's own parse errors are mapped here
     * too) or input the registry refused as invalid: a bad name, metric, archive or artifact, a format no codec
     * reads.
     */
    public static final int INVALID = 1;
    /** The registry directory, model, version, alias or deployment does not exist. */
    public static final int NOT_FOUND = 2;
    /**
     * The change conflicts with the registry's state: the name exists already, a deployment transition is not
     * allowed, or an environment's evaluation gate refused the version.
     */
    public static final int CONFLICT = 3;
    /** Stored bytes do not match their digest, or {@code verify} found missing or corrupt artifacts. */
    public static final int INTEGRITY = 4;
    /** An import was refused because the archive is not signed by a trusted key ({@code --allow-untrusted}). */
    public static final int UNTRUSTED = 5;
    /** The registry could not be read or written: an I/O error, a lost or foreign database, a planted link. */
    public static final int STORAGE = 6;
    /**
     * The server ({@code --url}) refused the caller: no token, an unknown or revoked one (HTTP 401), or a role
     * that does not cover the command (403).
     */
    public static final int AUTH = 7;
    /** Anything else: a bug or an unexpected failure; the message and stack trace go to standard error. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /**
     * The exit code for an exception a command ended with.
     *
     * @param error what the command threw
     * @return its exit code, {@link #INTERNAL} for anything outside the project's exception tree
     */
    public static int of(Throwable error) {
        Objects.requireNonNull(error, "error");
        // Most specific first: UntrustedArchiveException is an InvalidArgumentException too.
        if (error instanceof CommandLine.ParameterException) {
            return INVALID;
        } else if (error instanceof UntrustedArchiveException) {
            return UNTRUSTED;
        } else if (error instanceof RemoteAccessException) {
            return AUTH;
        } else if (error instanceof InvalidArgumentException || error instanceof InvalidArtifactException
                || error instanceof UnsupportedFormatException) {
            return INVALID;
        } else if (error instanceof NotFoundException) {
            return NOT_FOUND;
        } else if (error instanceof ConflictException || error instanceof AlreadyExistsException) {
            return CONFLICT;
        } else if (error instanceof IntegrityException) {
            return INTEGRITY;
        } else if (error instanceof StorageException || error instanceof RegistryClosedException) {
            return STORAGE;
        }
        return INTERNAL;
    }

    /**
     * The stable error code {@code --json} writes next to the exit code; the same words the server's JSON errors
     * use where they overlap.
     *
     * @param exitCode an exit code of this class
     * @return its name, e.g. {@code NOT_FOUND}
     */
    public static String name(int exitCode) {
        return switch (exitCode) {
            case OK -> "OK";
            case INVALID -> "INVALID";
            case NOT_FOUND -> "NOT_FOUND";
            case CONFLICT -> "CONFLICT";
            case INTEGRITY -> "INTEGRITY";
            case UNTRUSTED -> "UNTRUSTED";
            case STORAGE -> "STORAGE";
            case AUTH -> "AUTH";
            default -> "INTERNAL";
        };
    }
}

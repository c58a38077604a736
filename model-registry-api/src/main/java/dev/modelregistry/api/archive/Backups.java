package dev.modelregistry.api.archive;

import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArchiveException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.UntrustedArchiveException;
import dev.modelregistry.api.VersionNotFoundException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Export, import and automatic backups of a registry's models, as portable archives: one zip with a
 * manifest, the artifacts named by digest, and (when the registry has a signing key) an Ed25519
 * signature over the manifest. An archive written by one registry imports into any other.
 *
 * <p>Implementations are thread-safe.
 */
public interface Backups {
    /**
     * Exports every live version of one model.
     *
     * @param model the model's name
     * @param archive the file to create; must not exist
     * @return what was written
     * @throws AlreadyExistsException if the file exists
     */
    ExportReport exportModel(String model, Path archive);

    /**
     * Exports chosen live versions of one model.
     *
     * @param model the model's name
     * @param numbers the version numbers
     * @param archive the file to create; must not exist
     * @return what was written
     * @throws VersionNotFoundException if a version is not live
     */
    ExportReport exportModel(String model, Collection<Integer> numbers, Path archive);

    /**
     * Exports every live version of every live model, with the registry's history: each model's alias
     * moves and audit trail, and every environment's deployments and deployment events. Importing the
     * archive into a registry on another backend moves the registry there (see
     * {@link #importArchive(Path)}).
     *
     * @param archive the file to create; must not exist
     * @return what was written
     */
    ExportReport exportAll(Path archive);

    /**
     * Imports an archive. Versions keep their numbers. A version already present with the same bytes
     * is left alone (or restored, if it was deleted); one present with different bytes is a conflict.
     *
     * <p>An archive must mean one thing to every reader: duplicate entry names, entries its manifest
     * does not list, local entries that disagree with the zip's central directory, a version listed
     * twice, and artifacts that do not match their declared digest and size are all refused. Every
     * entry is capped at its declared size while it is read, and declared sizes at the registry's
     * {@link ArchiveLimits}. All of that is checked, with the artifacts staged where no reader sees
     * them, before the registry changes; then the blobs are published and the metadata written in one
     * transaction. On any exception the registry is as it was.
     *
     * <p>History in the archive (alias moves, audit rows) is written, with its original times and actors,
     * into the models this import creates; a model that exists here keeps its own history and merges versions,
     * tags and aliases as before. Deployments are written into environments that never had a deployment
     * here; another environment is left as it is, with a note in the report (none when it holds exactly the
     * archived events, as when a registry imports its own export).
     *
     * @param archive the archive file
     * @return what was imported
     * @throws InvalidArchiveException if the file is truncated, malformed, ambiguous or over a limit
     * @throws IntegrityException if an artifact does not match its digest
     * @throws ConflictException if a version number holds different bytes here
     */
    ImportReport importArchive(Path archive);

    /**
     * Imports an archive, as {@link #importArchive(Path)} does, with explicit options for archives no
     * trusted key signed.
     *
     * @param archive the archive file
     * @param options whether to accept an untrusted archive (audited) and check its models in a child JVM
     * @return what was imported
     * @throws UntrustedArchiveException if no trusted key signed the archive and the options do not allow it
     * @throws InvalidArchiveException if the archive is malformed, ambiguous, over a limit, or its
     *         signature does not match its manifest
     * @throws InvalidArtifactException if a model of an untrusted archive fails the isolated load check
     * @throws IntegrityException if an artifact does not match its digest
     * @throws ConflictException if a version number holds different bytes here
     */
    ImportReport importArchive(Path archive, ImportOptions options);

    /**
     * The automatic backups kept under {@code <root>/backups}, newest first.
     *
     * @return the archive files
     */
    List<Path> automaticBackups();
}

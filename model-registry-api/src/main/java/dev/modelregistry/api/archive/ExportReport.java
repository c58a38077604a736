package dev.modelregistry.api.archive;

import java.nio.file.Path;

/**
 * What an export wrote.
 *
 * <p>Immutable and thread-safe.
 *
 * @param archive the archive file
 * @param models how many models it holds
 * @param versions how many versions it holds
 * @param blobs how many distinct artifacts it holds
 * @param artifactBytes the summed size of those artifacts
 */
public record ExportReport(Path archive, int models, int versions, int blobs, long artifactBytes) {
}

package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.archive.Backups;
import dev.modelregistry.api.archive.ExportReport;
import dev.modelregistry.api.archive.ImportOptions;
import dev.modelregistry.api.archive.ImportReport;
import dev.modelregistry.api.storage.ArtifactDigest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Export and import through a server's admin routes ({@code /api/v1/admin/export} and {@code import}), so that
 * {@code export} and {@code import} with {@code --url} write and read the same archive files as with {@code --root}.
 * Archives are streamed both ways, never held in memory; an export is written next to its target, checked against
 * the server's {@code X-Content-SHA256}, and only then moved into place, so a broken transfer leaves no archive.
 * Stateless apart from its client; thread-safe.
 */
final class RemoteBackups implements Backups {
    static final String ADMIN = "api/v1/admin/";
    private static final String DIGEST_HEADER = "X-Content-SHA256";

    private final RemoteClient client;

    RemoteBackups(RemoteClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public ExportReport exportModel(String model, Path archive) {
        Objects.requireNonNull(model, "model");
        return export("?model=" + RemoteClient.segment(model), archive);
    }

    @Override
    public ExportReport exportModel(String model, Collection<Integer> numbers, Path archive) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(numbers, "numbers");
        return export("?model=" + RemoteClient.segment(model) + "&versions="
                + numbers.stream().map(String::valueOf).collect(Collectors.joining(",")), archive);
    }

    @Override
    public ExportReport exportAll(Path archive) {
        return export("", archive);
    }

    @Override
    public ImportReport importArchive(Path archive) {
        return importArchive(archive, ImportOptions.defaults());
    }

    @Override
    public ImportReport importArchive(Path archive, ImportOptions options) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(options, "options");
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        options.untrustedReason().ifPresent(reason -> query.add("allowUntrusted=" + RemoteClient.segment(reason)));
        if (!options.isolatedLoadCheck()) {
            query.add("isolatedLoadCheck=false");
        }
        if (!Files.isRegularFile(archive)) {
            throw new NotFoundException("no archive at " + archive.toAbsolutePath());
        }
        // The digest first (a second read of a local file) so the server refuses bytes that changed on the way.
        String digest = ArtifactDigest.ofFile(archive).hex();
        try (InputStream body = Files.newInputStream(archive)) {
            JsonNode report = client.upload(ADMIN + "import" + query, body, Map.of(DIGEST_HEADER, digest));
            return client.convert(report, ImportReport.class);
        } catch (IOException e) {
            throw new StorageException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Path> automaticBackups() {
        throw RemoteSession.notRemote("the list of automatic backups");
    }

    private ExportReport export(String query, Path archive) {
        Objects.requireNonNull(archive, "archive");
        if (Files.exists(archive)) {
            throw new AlreadyExistsException("the archive " + archive + " exists already; export never overwrites");
        }
        Path absolute = archive.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        try {
            Files.deleteIfExists(partial);
            HttpHeaders headers = client.download(ADMIN + "export" + query, partial);
            String expected = headers.firstValue(DIGEST_HEADER).orElseThrow(() -> new ModelRegistryException(
                    "the server sent the archive without " + DIGEST_HEADER));
            String actual = ArtifactDigest.ofFile(partial).hex();
            if (!actual.equals(expected)) {
                throw new IntegrityException("the downloaded archive has SHA-256 " + actual + ", the server sent "
                        + expected + "; nothing was written to " + archive);
            }
            JsonNode counts = client.mapper().readTree(headers.firstValue("X-Export-Report").orElseThrow(() ->
                    new ModelRegistryException("the server sent the archive without X-Export-Report")));
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            return new ExportReport(archive, counts.path("models").asInt(), counts.path("versions").asInt(),
                    counts.path("blobs").asInt(), counts.path("artifactBytes").asLong());
        } catch (IOException e) {
            throw new StorageException("cannot write " + archive + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // The command's own outcome matters more; the .part file is named for what it is.
            }
        }
    }
}

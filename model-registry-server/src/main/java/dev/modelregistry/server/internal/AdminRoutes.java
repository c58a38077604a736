package dev.modelregistry.server.internal;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.archive.ExportReport;
import dev.modelregistry.api.archive.ImportOptions;
import dev.modelregistry.api.archive.ImportReport;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.Access;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.security.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's commands over HTTP, admin role only: {@code verify}, {@code gc}, {@code export} and
 * {@code import} under {@value #PREFIX}.
 *
 * <p>The library's archives are files ({@link dev.modelregistry.api.archive.Backups} reads and writes paths), so
 * both directions pass through one temporary file, never through the heap: an export is written to it, hashed,
 * then copied to the response in small buffers (the SHA-256 in {@value ArtifactRoutes#DIGEST_HEADER}, the counts
 * in {@value #EXPORT_REPORT_HEADER}); an import's body is copied to it (checked against an optional
 * {@value ArtifactRoutes#DIGEST_HEADER}) and then imported with the library's own archive checks and trust rules.
 * The file lives in its own directory under {@code java.io.tmpdir} (not the registry's {@code tmp/}, which
 * {@code gc} empties) and is deleted when the call ends. Stateless; thread-safe.
 */
final class AdminRoutes implements RouteGroup {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
    static final String PREFIX = ModelRoutes.BASE + "/admin";
    static final String EXPORT_REPORT_HEADER = "X-Export-Report";
    /** As {@code ModelRegistry.gc()}'s default grace, for {@code force} without a grace of its own. */
    private static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    /** Told of every verify run here: the dashboard's Registry health page shows the latest. */
    private final java.util.function.Consumer<VerifyReport> verified;

    AdminRoutes(java.util.function.Consumer<VerifyReport> verified) {
        this.verified = verified;
    }

    @Override
    public void register(RoutesConfig r, ServerContext server) {
        r.post(PREFIX + "/verify", ctx -> {
            VerifyReport report = server.registry().verify();
            verified.accept(report);
            ctx.json(verifyView(report));
        }, Role.ADMIN);
        r.post(PREFIX + "/gc", ctx -> ctx.json(gc(server.registry(), ctx)), Role.ADMIN);
        r.get(PREFIX + "/export", ctx -> export(server, ctx), Role.ADMIN);
        r.post(PREFIX + "/import", ctx -> importArchive(server, ctx), Role.ADMIN, Access.STREAMED_BODY);
    }

    /** The report with {@code healthy} spelled out, which the record only computes. */
    static Map<String, Object> verifyView(VerifyReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("healthy", report.healthy());
        m.put("versionsChecked", report.versionsChecked());
        m.put("blobsChecked", report.blobsChecked());
        m.put("bytesChecked", report.bytesChecked());
        m.put("findings", report.findings().stream().map(f -> Map.of("kind", f.kind().name(), "subject",
                f.subject(), "detail", f.detail())).toList());
        return m;
    }

    private static GcReport gc(ModelRegistry registry, Context ctx) {
        Optional<Duration> grace = Optional.ofNullable(ctx.queryParam("grace")).map(AdminRoutes::duration);
        if (booleanQuery(ctx, "force", false)) {
            return registry.gcForced(grace.orElse(DEFAULT_GRACE));
        }
        return grace.map(registry::gc).orElseGet(registry::gc);
    }

    private static void export(ServerContext server, Context ctx) throws IOException {
        String model = ctx.queryParam("model");
        List<Integer> versions = versions(ctx.queryParam("versions"));
        if (model == null && !versions.isEmpty()) {
            throw HttpProblem.invalid("versions needs a model; without one the whole registry is exported");
        }
        Path dir = Files.createTempDirectory("model-registry-export");
        try {
            Path archive = dir.resolve("export.zip");
            var backups = server.registry().backups();
            ExportReport report = model == null ? backups.exportAll(archive)
                    : versions.isEmpty() ? backups.exportModel(Names.requireModelName(model), archive)
                    : backups.exportModel(Names.requireModelName(model), versions, archive);
            String digest = ArtifactDigest.ofFile(archive).hex();
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("models", report.models());
            counts.put("versions", report.versions());
            counts.put("blobs", report.blobs());
            counts.put("artifactBytes", report.artifactBytes());
            ctx.status(200);
            ctx.res().setContentType("application/zip");
            ctx.res().setContentLengthLong(Files.size(archive));
            ctx.res().setHeader(ArtifactRoutes.DIGEST_HEADER, digest);
            ctx.res().setHeader(EXPORT_REPORT_HEADER, server.json().writeValueAsString(counts));
            ctx.res().setHeader("Content-Disposition", "attachment; filename=\"" + (model == null ? "registry"
                    : model) + ".zip\"");
            try (InputStream in = Files.newInputStream(archive)) {
                OutputStream out = ctx.res().getOutputStream();
                in.transferTo(out);
                out.flush();
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void importArchive(ServerContext server, Context ctx) throws IOException {
        Optional<String> expected = Optional.ofNullable(ctx.header(ArtifactRoutes.DIGEST_HEADER))
                .map(h -> h.trim().toLowerCase(Locale.ROOT));
        if (expected.isPresent() && !expected.get().matches("[0-9a-f]{64}")) {
            throw HttpProblem.invalid(ArtifactRoutes.DIGEST_HEADER + " must be 64 hex digits");
        }
        String reason = ctx.queryParam("allowUntrusted");
        ImportOptions options = (reason == null ? ImportOptions.defaults() : ImportOptions.allowUntrusted(reason))
                .isolatedLoadCheck(booleanQuery(ctx, "isolatedLoadCheck", true));
        Path dir = Files.createTempDirectory("model-registry-import");
        try {
            Path archive = dir.resolve("import.zip");
            try (InputStream body = new ArtifactRoutes.CheckedDigestStream(ctx.req().getInputStream(), expected)) {
                Files.copy(body, archive, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                if (e.getCause() instanceof HttpProblem p) {
                    throw p;
                }
                throw e;
            }
            ImportReport report = server.registry().backups().importArchive(archive, options);
            ctx.json(report);
        } finally {
            deleteTree(dir);
        }
    }

    private static List<Integer> versions(String text) {
        List<Integer> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            if (!part.trim().matches("[0-9]{1,9}")) {
                throw new InvalidArgumentException("versions must be comma-separated numbers, not '" + text + "'");
            }
            out.add(Integer.parseInt(part.trim()));
        }
        return out;
    }

    private static Duration duration(String text) {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative()) {
                throw new InvalidArgumentException("grace must not be negative, not '" + text + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException("grace must be an ISO-8601 duration such as PT10M, not '" + text
                    + "'");
        }
    }

    private static boolean booleanQuery(Context ctx, String name, boolean fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidArgumentException(name + " must be true or false, not '" + text + "'");
        };
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // The call's answer stands; a leftover in the system's temp directory is the OS's to clean.
            LOG.warn("cannot remove the temporary {}", dir, e);
        }
    }
}

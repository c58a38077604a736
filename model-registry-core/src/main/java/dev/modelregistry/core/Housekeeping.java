package dev.modelregistry.core;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.StoredArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code verify} (read and hash every live artifact; list unreferenced blobs and leftover temp files)
 * and {@code gc} (remove the leftovers). Young leftovers are left alone for a grace period, because
 * another process may be between writing a blob and committing the version that references it.
 * Thread-safe.
 */
final class Housekeeping {
    private final RegistryContext ctx;
    private final FileSystemModelStorage files;

    Housekeeping(RegistryContext ctx, FileSystemModelStorage files) {
        this.ctx = ctx;
        this.files = files;
    }

    VerifyReport verify() {
        Map<String, List<String>> liveRefs = liveReferences();
        List<Finding> findings = new ArrayList<>();
        long bytes = 0;
        int versions = 0;
        Map<String, Long> sizes = ctx.db().read(tx -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Object[] r : tx.query("SELECT DISTINCT digest, size FROM version WHERE state = 'LIVE' ORDER BY digest",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
                out.put((String) r[0], (Long) r[1]);
            }
            return out;
        });
        for (Map.Entry<String, Long> blob : sizes.entrySet()) {
            ArtifactInfo info = new ArtifactInfo(new ArtifactDigest(blob.getKey()), blob.getValue());
            List<String> refs = liveRefs.getOrDefault(blob.getKey(), List.of());
            versions += refs.size();
            try {
                ctx.storage().verify(info);
                bytes += info.size();
            } catch (ArtifactNotFoundException e) {
                findings.add(new Finding(Finding.Kind.MISSING_BLOB, info.digest().toString(),
                        "blob missing; needed by " + refs));
            } catch (IntegrityException e) {
                findings.add(new Finding(Finding.Kind.CORRUPT_BLOB, info.digest().toString(),
                        e.getMessage() + "; needed by " + refs));
            }
        }
        for (StoredArtifact a : unreferenced(liveRefs.keySet())) {
            findings.add(new Finding(Finding.Kind.UNREFERENCED_BLOB, a.info().digest().toString(),
                    a.info().size() + " bytes, stored " + a.storedAt() + ", referenced by no live version"));
        }
        for (FileSystemModelStorage.TempFile t : files.tempFiles()) {
            findings.add(new Finding(Finding.Kind.LEFTOVER_TEMP, t.path().toString(),
                    t.size() + " bytes, last written " + t.modified()));
        }
        return new VerifyReport(versions, sizes.size(), bytes, findings);
    }

    GcReport gc(Duration grace) {
        Instant cutoff = ctx.clock().instant().minus(grace);
        int temps = 0;
        int blobs = 0;
        long freed = 0;
        for (FileSystemModelStorage.TempFile t : files.tempFiles()) {
            if (!t.modified().isAfter(cutoff)) {
                try {
                    if (Files.deleteIfExists(t.path())) {
                        temps++;
                        freed += t.size();
                    }
                } catch (IOException e) {
                    throw new StorageException("cannot remove temp file " + t.path() + ": " + e.getMessage(), e);
                }
            }
        }
        for (StoredArtifact a : unreferenced(liveReferences().keySet())) {
            // Re-check under the database's view right before deleting: a version may have just committed.
            boolean referenced = ctx.db().read(tx -> tx.queryOne("SELECT 1 FROM version WHERE digest = ?"
                    + " AND state = 'LIVE' LIMIT 1", rs -> 1, a.info().digest().hex()).isPresent());
            if (!referenced && !a.storedAt().isAfter(cutoff) && ctx.storage().delete(a.info().digest())) {
                blobs++;
                freed += a.info().size();
            }
        }
        return new GcReport(temps, blobs, freed);
    }

    private List<StoredArtifact> unreferenced(Set<String> live) {
        try (Stream<StoredArtifact> all = ctx.storage().list()) {
            return all.filter(a -> !live.contains(a.info().digest().hex())).toList();
        }
    }

    /** Digest to the live versions that reference it. */
    private Map<String, List<String>> liveReferences() {
        return ctx.db().read(tx -> tx.query("SELECT v.digest, m.name || '/' || v.number" + VersionRows.FROM
                        + " WHERE v.state = 'LIVE'", rs -> new String[] {rs.getString(1), rs.getString(2)}))
                .stream().collect(Collectors.groupingBy(r -> r[0], Collectors.mapping(r -> r[1], Collectors.toList())));
    }
}

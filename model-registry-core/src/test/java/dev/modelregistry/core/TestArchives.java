package dev.modelregistry.core;

import dev.modelregistry.api.archive.SigningKeys;
import dev.modelregistry.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import dev.modelregistry.core.internal.archive.ArchiveManifest;
import dev.modelregistry.core.internal.archive.ArchiveSignature;

/** Hand-made archives for tests, signed like the registry signs its own. */
final class TestArchives {
    /** One key pair for tests that craft archives: registries built with it trust what it signs. */
    static final KeyPair KEYS = SigningKeys.generateKeyPair();

    private TestArchives() {
    }

    /** A zip of these entries, in order, plus a {@code manifest.sig} over its manifest made with {@link #KEYS}. */
    static Path signed(Path zip, Map<String, byte[]> entries) {
        Map<String, byte[]> all = new LinkedHashMap<>(entries);
        byte[] manifest = entries.get(ArchiveManifest.MANIFEST_ENTRY);
        if (manifest != null) {
            try {
                all.put(ArchiveSignature.ENTRY, Json.writer().writeValueAsBytes(ArchiveSignature.sign(KEYS, manifest)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return write(zip, all);
    }

    static Path write(Path zip, Map<String, byte[]> entries) {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }

    static Map<String, byte[]> read(Path zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

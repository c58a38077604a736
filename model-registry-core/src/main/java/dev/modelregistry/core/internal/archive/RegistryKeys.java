package dev.modelregistry.core.internal.archive;

import dev.modelregistry.api.archive.SigningKeys;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.modelregistry.core.internal.io.Symlinks;
import dev.modelregistry.core.internal.io.StorageErrors;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;

/**
 * The registry's signing key and the public keys it trusts.
 *
 * <p>The key pair lives in {@code keys/ed25519.key} (both halves, Base64 of PKCS#8 and X.509, readable
 * by the owner only); {@code keys/ed25519.pub} holds the public half alone, for sharing. The pair is
 * made on first open unless the builder was given one. The registry
 * trusts its own key, every {@code keys/retired/*.pub} (keys it used before a rotation), and the keys
 * the builder names. Thread-safe (immutable after construction).
 */
public final class RegistryKeys {
    static final String DIRECTORY = "keys";
    private static final String PRIVATE = "ed25519.key";
    private static final String PUBLIC = "ed25519.pub";

    private final KeyPair own;
    private final Map<String, PublicKey> trusted;

    private RegistryKeys(KeyPair own, Map<String, PublicKey> trusted) {
        this.own = own;
        this.trusted = Map.copyOf(trusted);
    }

    public static RegistryKeys open(Path root, KeyPair configured, Collection<PublicKey> extraTrusted) {
        Path dir = root.resolve(DIRECTORY);
        Symlinks.requireNone(dir, false);
        KeyPair own = configured != null ? configured : loadOrCreate(dir, root.resolve("tmp"));
        Map<String, PublicKey> trusted = new LinkedHashMap<>();
        trusted.put(SigningKeys.keyId(own.getPublic()), own.getPublic());
        for (PublicKey k : retired(dir.resolve("retired"))) {
            trusted.put(SigningKeys.keyId(k), k);
        }
        for (PublicKey k : extraTrusted) {
            trusted.put(SigningKeys.keyId(k), k);
        }
        return new RegistryKeys(own, trusted);
    }

    public KeyPair own() {
        return own;
    }

    /** The trusted key with this id, if any. */
    java.util.Optional<PublicKey> trusted(String keyId) {
        return java.util.Optional.ofNullable(trusted.get(keyId));
    }

    private static KeyPair loadOrCreate(Path dir, Path tmp) {
        Path priv = dir.resolve(PRIVATE);
        Path pub = dir.resolve(PUBLIC);
        try {
            Files.createDirectories(dir);
            Symlinks.requireNone(priv, false);
            Symlinks.requireNone(pub, false);
            KeyPair pair;
            if (Files.exists(priv, LinkOption.NOFOLLOW_LINKS)) {
                pair = load(priv);
            } else {
                // Both halves in one file, published at once: a crash leaves a whole key pair or none.
                KeyPair created = SigningKeys.generateKeyPair();
                try {
                    writeOnce(tmp, priv, "private " + Base64.getEncoder().encodeToString(created.getPrivate().getEncoded())
                            + "\npublic " + SigningKeys.encode(created.getPublic()) + "\n", true);
                    pair = created;
                } catch (FileAlreadyExistsException raced) {
                    pair = load(priv); // another process created the key first
                }
            }
            // The public half on its own, for sharing; rewritten whenever it is missing or stale.
            String text = SigningKeys.encode(pair.getPublic()) + "\n";
            if (!Files.exists(pub, LinkOption.NOFOLLOW_LINKS)
                    || !Files.readString(pub, StandardCharsets.US_ASCII).equals(text)) {
                Path temp = tmp.resolve("key-" + UUID.randomUUID() + FileSystemModelStorage.TEMP_SUFFIX);
                Files.writeString(temp, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
                Files.move(temp, pub, StandardCopyOption.ATOMIC_MOVE);
            }
            return pair;
        } catch (IOException e) {
            throw StorageErrors.io("cannot read or create the registry's signing key in " + dir, e);
        }
    }

    private static KeyPair load(Path priv) throws IOException {
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : Files.readAllLines(priv, StandardCharsets.US_ASCII)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    fields.put(line.substring(0, space), line.substring(space + 1).strip());
                }
            }
            if (!fields.containsKey("private") || !fields.containsKey("public")) {
                throw new IllegalArgumentException("it lacks a private or a public line");
            }
            PublicKey publicKey = SigningKeys.decodePublicKey(fields.get("public"));
            var privateKey = KeyFactory.getInstance(SigningKeys.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(fields.get("private"))));
            byte[] probe = Signatures.utf8("model-registry key check");
            if (!Signatures.verify(publicKey, probe, Signatures.sign(privateKey, probe))) {
                throw new IllegalArgumentException("its private and public keys are not one pair");
            }
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ModelRegistryException e) {
            throw new StorageException("the registry's signing key in " + priv + " is damaged: " + e.getMessage()
                    + "; restore it from a copy, or move keys/ aside to make a new key (and trust the old public key)",
                    e);
        }
    }

    /** Writes a file through a temp file; refuses (FileAlreadyExistsException) if it exists. */
    private static void writeOnce(Path tmp, Path target, String content, boolean secret) throws IOException {
        Path temp = tmp.resolve("key-" + UUID.randomUUID() + FileSystemModelStorage.TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (secret && temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.createLink(target, temp); // fails if another process made the key first
            Files.delete(temp);
            FileSystemModelStorage.fsyncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static List<PublicKey> retired(Path dir) {
        List<PublicKey> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pub")) {
            for (Path p : files) {
                out.add(SigningKeys.decodePublicKey(Files.readString(p, StandardCharsets.US_ASCII)));
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot read retired keys in " + dir, e);
        }
        return out;
    }
}

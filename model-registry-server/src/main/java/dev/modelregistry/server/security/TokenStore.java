package dev.modelregistry.server.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Bearer tokens in one JSON file, which the server reads and the CLI edits.
 *
 * <p>A token's secret is {@code mrt_<id>_<32 random bytes, base64url>}: 256 bits from {@link SecureRandom}.
 * The file keeps only the SHA-256 of the secret (a fast hash is enough for a secret with that much entropy:
 * there is nothing to guess), and {@link #authenticate(String)} finds the entry by the id and compares the
 * hashes with {@link MessageDigest#isEqual}, which takes the same time wherever they differ.
 *
 * <p>Changes are written to a temporary file and moved over the store atomically, under an exclusive lock on a
 * sibling {@code .lock} file, so concurrent CLI invocations do not lose each other's changes and a reader
 * never sees half a file. The file is made readable by its owner only where the file system has POSIX
 * permissions. A server notices a changed file (a new inode or modification time) on the next request, so a
 * revocation takes effect without a restart.
 *
 * <p>Thread-safe.
 */
public final class TokenStore {
    private static final String PREFIX = "mrt_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Clock clock;
    private Snapshot snapshot = new Snapshot(null, Instant.EPOCH, -1, Map.of());

    private TokenStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * Opens the token store in {@code file}, creating an empty one if it does not exist.
     *
     * @param file the store's file; its directory must exist
     * @return the store
     * @throws StorageException when the file cannot be read or created
     */
    public static TokenStore open(Path file) {
        Objects.requireNonNull(file, "file");
        TokenStore store = new TokenStore(file.toAbsolutePath(), Clock.systemUTC());
        if (!Files.exists(store.file)) {
            store.update(list -> list);
        }
        store.current();
        return store;
    }

    /**
     * The store's file.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    /**
     * Creates a token and returns its secret, which is not kept and cannot be shown again.
     *
     * @param principal who the token acts for (the name rules of identifiers apply)
     * @param role what it may do
     * @return the token with its secret
     */
    public NewToken create(String principal, Role role) {
        Names.requireIdentifier("principal", principal);
        Objects.requireNonNull(role, "role");
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        TokenInfo info = new TokenInfo(id, principal, role, clock.instant());
        update(list -> {
            List<Entry> next = new ArrayList<>(list);
            next.add(new Entry(id, principal, role.name().toLowerCase(java.util.Locale.ROOT),
                    info.created().toString(), HexFormat.of().formatHex(sha256(secret))));
            return next;
        });
        return new NewToken(info, secret);
    }

    /**
     * Revokes a token: requests with it get 401 from then on.
     *
     * @param id the token's id, as {@link #list()} shows it
     * @throws NotFoundException when no token has that id
     */
    public void revoke(String id) {
        Objects.requireNonNull(id, "id");
        update(list -> {
            if (list.stream().noneMatch(e -> e.id().equals(id))) {
                throw new NotFoundException("no token with id '" + id + "'");
            }
            return list.stream().filter(e -> !e.id().equals(id)).collect(Collectors.toList());
        });
    }

    /**
     * The tokens, oldest first, without secrets.
     *
     * @return the tokens
     */
    public List<TokenInfo> list() {
        return current().values().stream().map(Entry::info)
                .sorted(java.util.Comparator.comparing(TokenInfo::created).thenComparing(TokenInfo::id))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * Checks a bearer token against the store as it is on disk now.
     *
     * @param secret the token as the client sent it
     * @return the token's description if it is valid, empty otherwise
     */
    public Optional<TokenInfo> authenticate(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (!secret.startsWith(PREFIX) || secret.length() < PREFIX.length() + 17) {
            return Optional.empty();
        }
        String id = secret.substring(PREFIX.length(), PREFIX.length() + 16);
        Entry entry = current().get(id);
        if (entry == null) {
            return Optional.empty();
        }
        byte[] expected = HexFormat.of().parseHex(entry.sha256());
        return MessageDigest.isEqual(expected, sha256(secret)) ? Optional.of(entry.info()) : Optional.empty();
    }

    private synchronized Map<String, Entry> current() {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            Snapshot s = snapshot;
            if (!Objects.equals(attrs.fileKey(), s.fileKey()) || !attrs.lastModifiedTime().toInstant()
                    .equals(s.modified()) || attrs.size() != s.size()) {
                List<Entry> entries = read();
                snapshot = new Snapshot(attrs.fileKey(), attrs.lastModifiedTime().toInstant(), attrs.size(),
                        entries.stream().collect(Collectors.toUnmodifiableMap(Entry::id, Function.identity())));
            }
            return snapshot.byId();
        } catch (NoSuchFileException e) {
            throw new StorageException("the token store " + file + " is gone", e);
        } catch (IOException e) {
            throw new StorageException("cannot read the token store " + file, e);
        }
    }

    private List<Entry> read() throws IOException {
        FileContents contents = JSON.readValue(file.toFile(), FileContents.class);
        if (contents.format() != 1) {
            throw new StorageException("token store " + file + " has unknown format " + contents.format());
        }
        return contents.tokens();
    }

    private synchronized void update(java.util.function.UnaryOperator<List<Entry>> change) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lockChannel.lock();
            try {
                write(change);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new StorageException("cannot write the token store " + file, e);
        }
    }

    private void write(java.util.function.UnaryOperator<List<Entry>> change) throws IOException {
        {
            List<Entry> before = Files.exists(file) ? read() : List.of();
            List<Entry> after = change.apply(before);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new FileContents(1, after))
                    .getBytes(StandardCharsets.UTF_8);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ownerOnly(tmp);
                out.write(java.nio.ByteBuffer.wrap(bytes));
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's ACLs decide.
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Snapshot(Object fileKey, Instant modified, long size, Map<String, Entry> byId) {
    }

    /** The file's layout; a format number so a later layout can be told apart. */
    private record FileContents(@JsonProperty("format") int format, @JsonProperty("tokens") List<Entry> tokens) {
        FileContents {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    private record Entry(@JsonProperty("id") String id, @JsonProperty("principal") String principal,
            @JsonProperty("role") String role, @JsonProperty("created") String created,
            @JsonProperty("sha256") String sha256) {
        TokenInfo info() {
            return new TokenInfo(id, principal, Role.parse(role), Instant.parse(created));
        }
    }

    @Override
    public String toString() {
        return "TokenStore[" + file + "]";
    }

}

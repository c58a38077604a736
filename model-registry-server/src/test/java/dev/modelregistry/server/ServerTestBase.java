package dev.modelregistry.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link Fixture} (registry, tokens, server) around each test; subclasses may change the options. */
abstract class ServerTestBase {
    @TempDir
    Path dir;
    Fixture f;

    ServerOptions.Builder options() {
        return ServerOptions.builder();
    }

    @BeforeEach
    void start_server() {
        f = new Fixture(dir, options());
    }

    @AfterEach
    void stop_server() {
        f.close();
    }
}

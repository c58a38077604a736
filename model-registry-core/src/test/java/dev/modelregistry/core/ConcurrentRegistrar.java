package dev.modelregistry.core;

import dev.modelregistry.api.version.ModelMetadata;
import java.nio.file.Path;

/** Run in a child JVM by {@link MultiProcessTest}: registers versions of one model. */
public final class ConcurrentRegistrar {
    private ConcurrentRegistrar() {
    }

    /**
     * Registers versions.
     *
     * @param args the registry directory, the model name, how many versions, and a tag for the bytes
     */
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int count = Integer.parseInt(args[2]);
        try (ModelRegistry registry = ModelRegistry.builder(root).actor(args[3]).open()) {
            for (int i = 0; i < count; i++) {
                registry.versions().register(args[1], (args[3] + "-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ModelMetadata.builder("bytes").property("writer", args[3]).build());
            }
        }
    }
}

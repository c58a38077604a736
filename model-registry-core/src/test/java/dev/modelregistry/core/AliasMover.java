package dev.modelregistry.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CachedLoadAcrossProcessesTest}: keeps a registry open and carries out
 * one change per line read from standard input, answering {@code done} once it has committed.
 * Commands: {@code alias MODEL ALIAS VERSION}, {@code delete MODEL VERSION}, {@code quit}.
 */
public final class AliasMover {
    private AliasMover() {
    }

    /**
     * Serves commands until {@code quit} or the end of input.
     *
     * @param args the registry directory
     * @throws Exception if reading fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (ModelRegistry registry = ModelRegistry.open(Path.of(args[0]))) {
            out.println("ready");
            for (String line; (line = in.readLine()) != null && !line.equals("quit");) {
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "alias" -> registry.versions().setAlias(w[1], w[2], Integer.parseInt(w[3]));
                    case "delete" -> registry.versions().deleteVersion(w[1], Integer.parseInt(w[2]));
                    default -> throw new IllegalArgumentException("unknown command " + line);
                }
                out.println("done");
            }
        }
    }
}

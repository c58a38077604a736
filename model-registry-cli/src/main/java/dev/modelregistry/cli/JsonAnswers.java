package dev.modelregistry.cli;

/**
 * A command that can answer in JSON ({@code --json}); {@link Failures} then writes its errors as JSON too.
 */
interface JsonAnswers {
    /**
     * Whether the command line asked for JSON.
     *
     * @return true with {@code --json}
     */
    boolean json();
}

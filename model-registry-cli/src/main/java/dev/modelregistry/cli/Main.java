package dev.modelregistry.cli;

/**
 * The launcher's entry point: runs {@link ModelRegistryCommand} and exits with its exit code ({@link ExitCodes}).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits the JVM.
     *
     * @param args the command line, e.g. {@code ls --root registry}
     */
    public static void main(String[] args) {
        // The registry logs its progress at INFO; on a terminal only warnings and errors belong on stderr.
        // -Dorg.slf4j.simpleLogger.defaultLogLevel=info (MODEL_REGISTRY_JAVA_OPTS) brings the rest back.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(ModelRegistryCommand.commandLine().execute(args));
    }
}

package dev.modelregistry.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws, and what picocli cannot parse, into a message on standard error and an exit code
 * from {@link ExitCodes}; as JSON ({@code {"error":{...}}}) when the command line asked for {@code --json}.
 * Stateless and thread-safe.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final String JSON_FLAG = "--json";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (Arrays.asList(args).contains(JSON_FLAG)) {
            printJson(err, ExitCodes.INVALID, ex.getMessage());
        } else {
            err.println(cmd.getColorScheme().errorText(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCodes.INVALID;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        int code = ExitCodes.of(ex);
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
        boolean json = cmd.getCommand() instanceof JsonAnswers command && command.json();
        if (json) {
            printJson(err, code, message);
        } else {
            err.println("model-registry: " + ExitCodes.name(code).toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ": " + message);
        }
        if (code == ExitCodes.INTERNAL) {
            ex.printStackTrace(err); // a bug: the trace is what a report needs
        }
        err.flush();
        return code;
    }

    private static void printJson(PrintWriter err, int code, String message) {
        err.println(Output.toJson(java.util.Map.of("error", new Views.ErrorView(ExitCodes.name(code), code, message))));
    }
}

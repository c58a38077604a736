package dev.modelregistry.cli;

import picocli.CommandLine.Parameters;

/** The {@code NAME ALIAS} positional parameters every alias command starts with. Filled in by picocli. */
final class AliasOf {
    @Parameters(index = "0", paramLabel = "NAME", description = "The model.")
    String model;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias, e.g. champion.")
    String alias;
}

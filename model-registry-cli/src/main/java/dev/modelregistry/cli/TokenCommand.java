package dev.modelregistry.cli;

import picocli.CommandLine.Command;

/** {@code token}: the group of token-store commands; alone, it prints its usage and fails as a usage error. */
@Command(name = "token", description = "Create, list or revoke the bearer tokens a server (serve --tokens) accepts.",
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
final class TokenCommand extends CommandGroup {
}

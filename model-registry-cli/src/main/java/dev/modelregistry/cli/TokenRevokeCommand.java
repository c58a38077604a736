package dev.modelregistry.cli;

import dev.modelregistry.server.security.TokenStore;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code token revoke ID}: removes a token; a running server refuses it from its next request on. */
@Command(name = "revoke", description = "Revoke a token by its id (as `token list` shows it).")
final class TokenRevokeCommand extends TokenStoreCommand {
    @Parameters(paramLabel = "ID", description = "The token's id.")
    private String id;

    @Override
    int run(TokenStore store, Output out) {
        store.revoke(id);
        if (json()) {
            out.json(Map.of("revoked", id));
        } else {
            out.line("revoked " + id);
        }
        return ExitCodes.OK;
    }
}

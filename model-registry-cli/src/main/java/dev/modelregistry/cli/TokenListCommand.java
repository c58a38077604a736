package dev.modelregistry.cli;

import dev.modelregistry.server.security.TokenInfo;
import dev.modelregistry.server.security.TokenStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code token list}: the tokens, oldest first, without secrets (the store has none to show). */
@Command(name = "list", description = "List the tokens (ids, principals, roles; never secrets).")
final class TokenListCommand extends TokenStoreCommand {
    @Override
    int run(TokenStore store, Output out) {
        List<TokenInfo> tokens = store.list();
        if (json()) {
            out.json(Map.of("tokens", tokens.stream().map(TokenListCommand::view).toList()));
        } else {
            out.table(List.of("ID", "PRINCIPAL", "ROLE", "CREATED"), tokens.stream()
                    .map(t -> List.of(t.id(), t.principal(), t.role().name().toLowerCase(Locale.ROOT),
                            t.created().toString()))
                    .toList());
        }
        return ExitCodes.OK;
    }

    /** A token's fixed JSON fields: id, principal, role, created. */
    static Map<String, Object> view(TokenInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("principal", t.principal());
        m.put("role", t.role().name().toLowerCase(Locale.ROOT));
        m.put("created", t.created().toString());
        return m;
    }
}

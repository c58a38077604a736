package dev.modelregistry.cli;

import dev.modelregistry.server.security.NewToken;
import dev.modelregistry.server.security.Role;
import dev.modelregistry.server.security.TokenStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code token create}: a new token, whose secret is printed this once (the store keeps only its hash). */
@Command(name = "create", description = "Create a token and print its secret, which cannot be shown again.")
final class TokenCreateCommand extends TokenStoreCommand {
    @Option(names = "--principal", required = true, paramLabel = "NAME",
            description = "Who the token acts for; the audit trail names it.")
    private String principal;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "reader",
            description = "reader, writer, deployer or admin, each including the ones before (default:"
                + " ${DEFAULT-VALUE}).")
    private String role;

    @Override
    boolean createsStore() {
        return true;
    }

    @Override
    int run(TokenStore store, Output out) {
        NewToken token = store.create(principal, Role.parse(role));
        if (json()) {
            Map<String, Object> answer = new LinkedHashMap<>(TokenListCommand.view(token.info()));
            answer.put("token", token.secret());
            out.json(answer);
        } else {
            out.fields("id", token.info().id(), "principal", token.info().principal(),
                    "role", token.info().role().name().toLowerCase(Locale.ROOT), "token", token.secret());
            out.line("Keep the token now: it is not stored and cannot be shown again.");
        }
        return ExitCodes.OK;
    }
}

package dev.modelregistry.server.security;

import java.util.Objects;

/**
 * A token just created: its description and its secret, which is shown this once and never stored.
 *
 * @param info the description the store keeps
 * @param secret the bearer token to hand to the client ({@code Authorization: Bearer <secret>})
 */
public record NewToken(TokenInfo info, String secret) {
    /**
     * A new token.
     *
     * @param info non-null
     * @param secret non-null
     */
    public NewToken {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "NewToken[info=" + info + ", secret=(hidden)]";
    }
}

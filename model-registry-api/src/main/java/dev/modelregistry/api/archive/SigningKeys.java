package dev.modelregistry.api.archive;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRegistryException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The Ed25519 keys registries sign their archives with. A public key travels as text: the Base64 of
 * its X.509 encoding, the form a registry's {@code keys/ed25519.pub} holds. Give a registry another
 * registry's public key (decoded here) to make it accept that registry's archives. Only the JDK is
 * used: Ed25519 is built in since Java 15.
 *
 * <p>Thread-safe (stateless).
 */
public final class SigningKeys {
    /** The JCA name of the signature algorithm: {@value}. */
    public static final String ALGORITHM = "Ed25519";

    private SigningKeys() {
    }

    /**
     * A new Ed25519 key pair, for a registry's own signing key or a rotation.
     *
     * @return the key pair
     */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ModelRegistryException("this JVM cannot create Ed25519 keys: " + e.getMessage(), e);
        }
    }

    /**
     * A public key as text (Base64 of its X.509 encoding), as {@code keys/ed25519.pub} holds it.
     *
     * @param key an Ed25519 public key
     * @return the text
     */
    public static String encode(PublicKey key) {
        Objects.requireNonNull(key, "key");
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Reads a public key from its text form.
     *
     * @param text Base64 of an X.509-encoded Ed25519 public key (surrounding white space is ignored)
     * @return the key
     * @throws InvalidArgumentException if the text is not such a key
     */
    public static PublicKey decodePublicKey(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(text.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidArgumentException("not an Ed25519 public key (Base64 of its X.509 encoding): "
                    + e.getMessage());
        }
    }

    /**
     * A short, stable name for a public key: the first 16 hex digits of the SHA-256 of its encoding.
     *
     * @param key the key
     * @return the key id
     */
    public static String keyId(PublicKey key) {
        Objects.requireNonNull(key, "key");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new ModelRegistryException("this JVM has no SHA-256: " + e.getMessage(), e);
        }
    }

}

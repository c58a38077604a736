package dev.modelregistry.core;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRegistryException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Ed25519 keys and signatures, as the registry uses them to sign the archives it writes and to
 * check the archives it imports. A public key travels as text: the Base64 of its X.509 encoding, the
 * form {@code keys/ed25519.pub} holds. Only the JDK is used (Ed25519 is built in since Java 15), so
 * signing adds no dependency and no network call.
 *
 * <p>Thread-safe (stateless).
 */
public final class Signatures {
    static final String ALGORITHM = "Ed25519";

    private Signatures() {
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
        return Sha256.hex(key.getEncoded()).substring(0, 16);
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new ModelRegistryException("cannot sign with the registry's key: " + e.getMessage(), e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

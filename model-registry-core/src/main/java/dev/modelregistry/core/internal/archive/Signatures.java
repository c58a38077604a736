package dev.modelregistry.core.internal.archive;

import dev.modelregistry.api.ModelRegistryException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import dev.modelregistry.api.archive.SigningKeys;

/**
 * Ed25519 signatures over archive manifests, made with the registry's own key and checked against
 * trusted keys ({@link SigningKeys} holds the key handling users see).
 *
 * <p>Thread-safe (stateless).
 */
public final class Signatures {
    private Signatures() {
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance(SigningKeys.ALGORITHM);
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new ModelRegistryException("cannot sign with the registry's key: " + e.getMessage(), e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(SigningKeys.ALGORITHM);
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

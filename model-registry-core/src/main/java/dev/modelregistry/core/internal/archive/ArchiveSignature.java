package dev.modelregistry.core.internal.archive;

import dev.modelregistry.api.archive.SigningKeys;
import dev.modelregistry.api.InvalidArchiveException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The {@code manifest.sig} of an archive: an Ed25519 signature over the exact bytes of
 * {@code manifest.json}, with the signer's key id and public key. The manifest lists every
 * version with its artifact's SHA-256 and size, its format, trainer and full metadata, and import
 * checks every artifact against its digest, so the one signature covers the whole archive (the
 * approach of OpenSSF model signing: sign a manifest of digests, not each file).
 *
 * @param algorithm always {@code Ed25519}
 * @param keyId the first 16 hex digits of the SHA-256 of the public key's encoding
 * @param publicKey the signer's public key, Base64 of its X.509 encoding
 * @param signature the signature, Base64
 */
public record ArchiveSignature(String algorithm, String keyId, String publicKey, String signature) {
    public static final String ENTRY = "manifest.sig";

    public static ArchiveSignature sign(KeyPair key, byte[] manifest) {
        return new ArchiveSignature(SigningKeys.ALGORITHM, SigningKeys.keyId(key.getPublic()),
                SigningKeys.encode(key.getPublic()),
                Base64.getEncoder().encodeToString(Signatures.sign(key.getPrivate(), manifest)));
    }

    /**
     * Checks the signature against the manifest with the embedded key.
     *
     * @return the signer's key
     * @throws InvalidArchiveException if the signature is malformed or does not match the manifest
     */
    PublicKey verify(byte[] manifest) {
        if (!SigningKeys.ALGORITHM.equals(algorithm)) {
            throw new InvalidArchiveException("archive is signed with '" + algorithm + "'; only Ed25519 is accepted");
        }
        PublicKey key;
        byte[] sig;
        try {
            key = SigningKeys.decodePublicKey(String.valueOf(publicKey));
            sig = Base64.getDecoder().decode(String.valueOf(signature));
        } catch (RuntimeException e) {
            throw new InvalidArchiveException("archive signature is malformed: " + e.getMessage());
        }
        if (!SigningKeys.keyId(key).equals(keyId)) {
            throw new InvalidArchiveException("archive signature names key " + keyId + " but carries key "
                    + SigningKeys.keyId(key));
        }
        if (!Signatures.verify(key, manifest, sig)) {
            throw new InvalidArchiveException("archive signature does not match its manifest: the manifest was"
                    + " changed after key " + keyId + " signed it");
        }
        return key;
    }
}

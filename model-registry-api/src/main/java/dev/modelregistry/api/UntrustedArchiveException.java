package dev.modelregistry.api;

/**
 * An archive is not signed by a key this registry trusts: it is unsigned, or signed by a key the
 * registry was not told to trust. It was refused before anything was written. Import it anyway
 * only on purpose, with an explicit and audited {@code allowUntrusted} option, or trust the
 * signer's public key.
 *
 * <p>Unchecked, like every exception of this library.
 */
public class UntrustedArchiveException extends InvalidArchiveException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message who signed it (if anyone) and how to proceed
     */
    public UntrustedArchiveException(String message) {
        super(message);
    }
}

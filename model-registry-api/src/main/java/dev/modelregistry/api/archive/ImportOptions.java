package dev.modelregistry.api.archive;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Backups#importArchive(java.nio.file.Path, ImportOptions)} treats an archive that no
 * trusted key signed.
 *
 * <p>By default such an archive is refused. {@link #allowUntrusted(String)} accepts it on purpose:
 * the reason is written to the audit trail with the signer (or "unsigned"), and every model in it is
 * first loaded in a short-lived child JVM ({@link #isolatedLoadCheck(boolean)}), so that a crafted
 * native model cannot crash this one. Archives signed by a trusted key skip that check: the trainers
 * still validate every native model in Java before native code sees it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param untrustedReason why an untrusted archive is accepted; empty to refuse such archives
 * @param isolatedLoadCheck whether the models of an untrusted archive are loaded in a child JVM first
 */
public record ImportOptions(Optional<String> untrustedReason, boolean isolatedLoadCheck) {
    /**
     * Validates the options.
     *
     * @param untrustedReason a non-blank reason, or empty
     * @param isolatedLoadCheck whether to check untrusted models in a child JVM
     */
    public ImportOptions {
        Objects.requireNonNull(untrustedReason, "untrustedReason");
        if (untrustedReason.isPresent() && untrustedReason.get().isBlank()) {
            throw new InvalidArgumentException("say why an untrusted archive is accepted: the reason is audited");
        }
    }

    /**
     * The defaults: refuse archives no trusted key signed.
     *
     * @return the default options
     */
    public static ImportOptions defaults() {
        return new ImportOptions(Optional.empty(), true);
    }

    /**
     * Accepts an archive that is unsigned or signed by an unknown key, recording why in the audit trail.
     *
     * @param reason why, in words a reviewer can check later (for example a ticket)
     * @return options that accept untrusted archives
     */
    public static ImportOptions allowUntrusted(String reason) {
        Objects.requireNonNull(reason, "reason");
        return new ImportOptions(Optional.of(reason), true);
    }

    /**
     * Turns the child-JVM load check of untrusted models on or off.
     *
     * @param enabled whether to load untrusted models in a child JVM before accepting them
     * @return a copy with the setting
     */
    public ImportOptions isolatedLoadCheck(boolean enabled) {
        return new ImportOptions(untrustedReason, enabled);
    }
}

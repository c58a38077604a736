package dev.modelregistry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.AliasNotFoundException;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArchiveException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.RegistryStateException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.UnsupportedFormatException;
import dev.modelregistry.api.UntrustedArchiveException;
import dev.modelregistry.api.deployment.IllegalTransitionException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void each_branch_of_the_exception_tree_has_its_exit_code() {
        assertThat(ExitCodes.of(new InvalidNameException("x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new InvalidArchiveException("x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new InvalidArtifactException("x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new UnsupportedFormatException("x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new ModelNotFoundException("x"))).isEqualTo(2);
        assertThat(ExitCodes.of(new AliasNotFoundException("x"))).isEqualTo(2);
        assertThat(ExitCodes.of(new ConflictException("x"))).isEqualTo(3);
        assertThat(ExitCodes.of(new AlreadyExistsException("x"))).isEqualTo(3);
        assertThat(ExitCodes.of(new IllegalTransitionException("x"))).isEqualTo(3);
        assertThat(ExitCodes.of(new IntegrityException("x"))).isEqualTo(4);
        assertThat(ExitCodes.of(new UntrustedArchiveException("x"))).isEqualTo(5);
        assertThat(ExitCodes.of(new StorageException("x"))).isEqualTo(6);
        assertThat(ExitCodes.of(new RegistryStateException("x"))).isEqualTo(6);
        assertThat(ExitCodes.of(new RemoteAccessException("x"))).isEqualTo(7);
        assertThat(ExitCodes.of(new ModelRegistryException("x"))).isEqualTo(70);
        assertThat(ExitCodes.of(new IllegalStateException("x"))).isEqualTo(70);
    }

    @Test
    void every_exit_code_has_a_stable_name() {
        assertThat(ExitCodes.name(ExitCodes.OK)).isEqualTo("OK");
        assertThat(ExitCodes.name(ExitCodes.INVALID)).isEqualTo("INVALID");
        assertThat(ExitCodes.name(ExitCodes.NOT_FOUND)).isEqualTo("NOT_FOUND");
        assertThat(ExitCodes.name(ExitCodes.CONFLICT)).isEqualTo("CONFLICT");
        assertThat(ExitCodes.name(ExitCodes.INTEGRITY)).isEqualTo("INTEGRITY");
        assertThat(ExitCodes.name(ExitCodes.UNTRUSTED)).isEqualTo("UNTRUSTED");
        assertThat(ExitCodes.name(ExitCodes.STORAGE)).isEqualTo("STORAGE");
        assertThat(ExitCodes.name(ExitCodes.AUTH)).isEqualTo("AUTH");
        assertThat(ExitCodes.name(ExitCodes.INTERNAL)).isEqualTo("INTERNAL");
    }
}

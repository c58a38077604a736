package dev.modelregistry.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The builder checks each setting when it is given; no server is needed for that. */
class S3StorageBuilderTest {

    @Test
    void a_prefix_gets_a_trailing_slash_and_an_empty_prefix_is_the_bucket_root() {
        try (S3Storage nested = build("registries/prod"); S3Storage root = build("")) {
            assertThat(nested.prefix()).isEqualTo("registries/prod/");
            assertThat(root.prefix()).isEmpty();
            assertThat(nested.bucket()).isEqualTo("models");
            assertThat(nested).hasToString("S3Storage[s3://models/registries/prod/]");
        }
    }

    @Test
    void a_prefix_that_starts_with_a_slash_or_has_empty_dot_or_dot_dot_segments_is_refused() {
        for (String bad : new String[] {"/abs", "a//b", "a/./b", "a/../b", "..", "/"}) {
            assertThatThrownBy(() -> S3Storage.builder().prefix(bad)).as(bad)
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void settings_out_of_range_are_refused_when_given() {
        assertThatThrownBy(() -> S3Storage.builder().partSize(S3Storage.MIN_PART_SIZE - 1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("partSize");
        assertThatThrownBy(() -> S3Storage.builder().bucket("a/b")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> S3Storage.builder().bucket(" ")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> S3Storage.builder().endpoint(URI.create("ftp://host/")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> S3Storage.builder().region("")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> S3Storage.builder().build()).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("bucket");
    }

    @Test
    void null_arguments_throw_a_null_pointer_exception_naming_the_parameter() {
        assertThatThrownBy(() -> S3Storage.builder().bucket(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> S3Storage.s3("models", null, URI.create("http://localhost:9000")))
                .isInstanceOf(NullPointerException.class).hasMessage("prefix");
        try (S3Storage storage = build("")) {
            assertThatThrownBy(() -> storage.stage(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("content");
            assertThatThrownBy(() -> storage.abandonedUploads(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("olderThan");
        }
    }

    private static S3Storage build(String prefix) {
        // An endpoint that is never contacted: building sends no request.
        return S3Storage.builder().bucket("models").prefix(prefix).endpoint(URI.create("http://localhost:1"))
                .pathStyle(true).build();
    }
}

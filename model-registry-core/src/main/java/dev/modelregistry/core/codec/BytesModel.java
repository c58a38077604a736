package dev.modelregistry.core.codec;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.version.ModelVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The loaded form of the built-in {@value #FORMAT_ID} format: an opaque artifact held as bytes.
 * Lets storage and versions be used on their own, before any trainer is on the class path. Get it from a
 * loaded model with {@code registry.models().load(ref).unwrap(BytesModel.class)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class BytesModel implements LoadedModel {
    /** The format id of opaque byte artifacts. */
    public static final String FORMAT_ID = "bytes";

    private final ModelVersion version;
    private final byte[] bytes;

    BytesModel(ModelVersion version, byte[] bytes) {
        this.version = version;
        this.bytes = bytes;
    }

    /**
     * The artifact's bytes.
     *
     * @return a copy of the bytes
     */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    /**
     * The artifact's bytes as a stream over the loaded copy, without copying them (unlike {@link #bytes()}).
     * To read an artifact without holding it in memory at all, use {@code models().openArtifact(ref)}.
     *
     * @return a new stream; closing it is optional
     */
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public ModelVersion version() {
        return version;
    }

    @Override
    public long weightBytes() {
        return bytes.length;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (type.isInstance(bytes)) {
            return type.cast(bytes());
        }
        throw new InvalidArgumentException("a '" + FORMAT_ID + "' model unwraps only to BytesModel or byte[], not " + type.getName());
    }

    @Override
    public void release() {
        // Heap memory only: nothing to free.
    }
}

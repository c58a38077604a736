package dev.modelregistry.server.internal;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.server.Access;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.security.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Artifact upload (registering a version) and download, streamed both ways: the request body goes straight
 * into the registry's staging file and the stored blob straight into the response, through buffers of a few
 * kilobytes, so a 256 MiB artifact needs no 256 MiB of heap.
 *
 * <p>The SHA-256 travels in {@value #DIGEST_HEADER}: an upload may send the digest it expects, and the server
 * fails the upload (400, nothing registered) when the bytes differ, because the check happens as the stream
 * ends, before the registry commits; a download carries the stored digest for the client to check.
 */
final class ArtifactRoutes implements RouteGroup {
    static final String DIGEST_HEADER = "X-Content-SHA256";
    static final String METADATA_HEADER = "X-Model-Metadata";

    /** Metadata sent as JSON in {@value #METADATA_HEADER}; query parameters cover the common fields. */
    record MetadataBody(String formatId, String modelType, String description, Map<String, Double> metrics,
            Map<String, String> properties) {
    }

    @Override
    public void register(RoutesConfig r, ServerContext server) {
        String model = ModelRoutes.BASE + "/models/{model}";
        r.post(model + "/versions", ctx -> upload(server, ctx), Role.WRITER, Access.STREAMED_BODY);
        r.get(model + "/versions/{version}/artifact", ctx -> download(server, ctx));
    }

    private static void upload(ServerContext server, Context ctx) throws IOException {
        String name = Params.model(ctx);
        ModelMetadata metadata = metadata(server, ctx);
        Optional<String> expected = Optional.ofNullable(ctx.header(DIGEST_HEADER))
                .map(h -> h.trim().toLowerCase(Locale.ROOT));
        if (expected.isPresent() && !expected.get().matches("[0-9a-f]{64}")) {
            throw HttpProblem.invalid(DIGEST_HEADER + " must be 64 hex digits");
        }
        ModelVersion v;
        try (InputStream body = new CheckedDigestStream(ctx.req().getInputStream(), expected)) {
            v = server.registry().versions().register(name, body, metadata);
        } catch (RuntimeException e) {
            throw causeOrSelf(e);
        }
        ctx.status(201).header(DIGEST_HEADER, v.artifact().digest().hex()).json(Views.version(v));
    }

    private static void download(ServerContext server, Context ctx) throws IOException {
        ModelVersion v = server.registry().versions().get(Params.ref(ctx));
        ctx.status(200);
        ctx.res().setContentType("application/octet-stream");
        ctx.res().setContentLengthLong(v.artifact().size());
        ctx.res().setHeader(DIGEST_HEADER, v.artifact().digest().hex());
        ctx.res().setHeader("ETag", "\"" + v.artifact().digest().hex() + "\"");
        ctx.res().setHeader("X-Model-Version", v.model() + "/" + v.version());
        try (InputStream in = server.registry().storage().read(v.artifact())) {
            OutputStream out = ctx.res().getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    private static ModelMetadata metadata(ServerContext server, Context ctx) {
        String header = ctx.header(METADATA_HEADER);
        MetadataBody body = null;
        if (header != null) {
            try {
                body = server.json().readValue(header, MetadataBody.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw HttpProblem.invalid(METADATA_HEADER + " is not valid metadata JSON: " + e.getOriginalMessage());
            }
        }
        String format = firstNonNull(ctx.queryParam("format"), body == null ? null : body.formatId());
        if (format == null) {
            throw new InvalidArgumentException("the model format is required: query parameter 'format' or "
                    + "formatId in " + METADATA_HEADER);
        }
        ModelMetadata.Builder b = ModelMetadata.builder(format);
        Optional.ofNullable(firstNonNull(ctx.queryParam("modelType"), body == null ? null : body.modelType()))
                .ifPresent(b::modelType);
        Optional.ofNullable(firstNonNull(ctx.queryParam("description"), body == null ? null : body.description()))
                .ifPresent(b::description);
        if (body != null && body.metrics() != null) {
            b.metrics(body.metrics());
        }
        if (body != null && body.properties() != null) {
            body.properties().forEach(b::property);
        }
        return b.build();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** The HttpProblem a stream raised deep inside the registry (digest or size), else the exception itself. */
    static RuntimeException causeOrSelf(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpProblem p) {
                return p;
            }
        }
        return e;
    }

    /**
     * Hashes what passes through and, at the end of the stream, fails with a read error when an expected
     * digest was given and differs, so the registry discards the staged bytes instead of committing them.
     */
    static final class CheckedDigestStream extends FilterInputStream {
        private final MessageDigest digest;
        private final Optional<String> expected;
        private boolean checked;

        CheckedDigestStream(InputStream in, Optional<String> expected) {
            super(in);
            this.expected = expected;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                check();
            } else {
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skipping would leave bytes out of the digest");
        }

        private void check() throws IOException {
            if (checked || expected.isEmpty()) {
                return;
            }
            checked = true;
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected.get())) {
                throw new IOException("digest mismatch", new HttpProblem(400, "DIGEST_MISMATCH",
                        "the uploaded bytes have SHA-256 " + actual + ", not the " + expected.get() + " the "
                                + DIGEST_HEADER + " header promised; nothing was registered"));
            }
        }
    }
}

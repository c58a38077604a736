package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Requests Jetty refuses before Javalin routes them still answer the API's JSON error body, not Jetty's
 * HTML page. Sent over a raw socket, since java.net.http will not send most of them.
 */
class JettyErrorsTest extends ServerTestBase {

    /** Sends one raw request and answers the whole response as text. */
    private String raw(String requestLine) throws IOException {
        try (Socket socket = new Socket(f.server.uri().getHost(), f.server.uri().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static void assertJsonError(String response, int status, String code) {
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(head).as(response).startsWith("http/1.1 " + status + " ").contains("content-type: application/json");
        assertThat(body).as(response).startsWith("{\"error\":{").contains("\"code\":\"" + code + "\"")
                .doesNotContain("<html");
    }

    @Test
    void a_nul_in_the_path_is_a_json_400() throws IOException {
        assertJsonError(raw("GET /api/v1/models/a%00b HTTP/1.1"), 400, "INVALID");
    }

    @Test
    void bad_percent_encoding_is_a_json_400() throws IOException {
        assertJsonError(raw("GET /api/v1/models/%zz HTTP/1.1"), 400, "INVALID");
    }

    @Test
    void a_malformed_request_line_is_json_too() throws IOException {
        assertJsonError(raw("GET /api/v1/mo\u0001dels HTTP/1.1"), 400, "INVALID");
        assertJsonError(raw("GET /api/v1/models HTTP/9.9x"), 505, "INTERNAL");
    }
}

package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.server.security.Role;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from a key store made by the JDK's keytool (a real certificate for 127.0.0.1), and CORS headers
 * only for configured origins.
 */
class TlsAndCorsTest {
    @TempDir
    Path dir;

    @Test
    void the_server_speaks_https_from_a_key_store_and_only_https() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "secret-pw", "-keypass", "secret-pw");
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", "secret-pw",
                "-file", cert.toString());

        try (Fixture f = new Fixture(dir, ServerOptions.builder().tls(keyStore, "secret-pw"))) {
            assertThat(f.server.uri().getScheme()).isEqualTo("https");
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(f.server.uri().resolve("api/v1/models"))
                    .header("Authorization", "Bearer " + f.tokenFor.get(Role.READER).secret()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("[]");

            String plain = f.server.uri().toString().replace("https://", "http://");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    java.net.URI.create(plain + "health")).GET().build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void cors_answers_configured_origins_only() {
        try (Fixture f = new Fixture(dir, ServerOptions.builder().corsOrigin("https://app.example.com"))) {
            HttpResponse<String> allowed = f.anonymous().send(f.anonymous().request("health")
                    .header("Origin", "https://app.example.com").GET().build());
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("https://app.example.com");
            HttpResponse<String> other = f.anonymous().send(f.anonymous().request("health")
                    .header("Origin", "https://evil.example").GET().build());
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    private static SSLContext trusting(Path certFile) throws Exception {
        Certificate certificate;
        try (InputStream in = Files.newInputStream(certFile)) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(keytool);
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}

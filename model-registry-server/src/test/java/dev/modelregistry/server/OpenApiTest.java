package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.dashboard.DashboardPages;
import dev.modelregistry.server.mlflow.MlflowRoutes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI document and the registered routes agree both ways: every route is documented and
 * every documented operation is served, with each path parameter declared.
 */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    Path dir;

    @Test
    void the_openapi_document_lists_exactly_the_registered_routes() {
        try (Fixture f = new Fixture(dir)) {
            HttpResponse<String> r = f.anonymous().get("api/v1/openapi.json");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode doc = RestApiTest.json(r);
            assertThat(doc.get("openapi").asText()).startsWith("3.");

            Set<String> documented = new HashSet<>();
            List<String> undeclaredParameters = new ArrayList<>();
            for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
                String path = paths.next();
                JsonNode item = doc.get("paths").get(path);
                for (Iterator<String> methods = item.fieldNames(); methods.hasNext(); ) {
                    String method = methods.next();
                    if (!METHODS.contains(method)) {
                        continue;
                    }
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                    Set<String> declared = new HashSet<>();
                    item.get(method).path("parameters").forEach(p -> {
                        if (p.get("in").asText().equals("path")) {
                            declared.add(p.get("name").asText());
                        }
                    });
                    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(path);
                    while (m.find()) {
                        if (!declared.contains(m.group(1))) {
                            undeclaredParameters.add(method + " " + path + " " + m.group(1));
                        }
                    }
                }
            }
            // The document describes our own routes; the MLflow dialect is MLflow's own API (docs/mlflow-compatibility.md),
            // and the dashboard's page and assets are HTML, scripts and styles, not API (docs/dashboard.md).
            assertThat(documented).containsExactlyInAnyOrderElementsOf(f.server.routes().stream()
                    .filter(route -> !route.contains(" " + MlflowRoutes.PREFIX))
                    .filter(route -> !route.equals("GET /") && !route.startsWith("GET " + DashboardPages.ASSETS))
                    .toList());
            assertThat(f.server.routes()).as("the MLflow dialect is served by default")
                    .contains("GET /api/2.0/mlflow/registered-models/get");
            assertThat(undeclaredParameters).isEmpty();
        }
    }
}

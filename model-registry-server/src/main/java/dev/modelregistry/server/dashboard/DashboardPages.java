package dev.modelregistry.server.dashboard;

import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.server.Access;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard's single page at {@code /} and its assets at {@value #ASSETS}{@code {file}}, all read from the
 * class path once (the page's own files beside this class, uPlot from its WebJar), so nothing is fetched from
 * the internet at run time. Open without a token: the page holds no data; it asks for a token, when the server
 * has tokens, before it calls the API.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class DashboardPages implements RouteGroup {
    /** Where the assets are served. */
    public static final String ASSETS = "/dashboard/";
    /** uPlot's files in its WebJar, whose directory names the version the build resolved. */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + webJarVersion("uplot") + "/dist/";

    /** Served name to class path resource and content type; nothing else is served. */
    private static final Map<String, String[]> FILES = Map.of(
            "app.js", new String[] {"app.js", "text/javascript"},
            "api.js", new String[] {"api.js", "text/javascript"},
            "pages.js", new String[] {"pages.js", "text/javascript"},
            "live.js", new String[] {"live.js", "text/javascript"},
            "charts.js", new String[] {"charts.js", "text/javascript"},
            "format.js", new String[] {"format.js", "text/javascript"},
            "style.css", new String[] {"style.css", "text/css"},
            "uplot.js", new String[] {UPLOT + "uPlot.esm.js", "text/javascript"},
            "uplot.css", new String[] {UPLOT + "uPlot.min.css", "text/css"});

    private final boolean tokensRequired;

    private DashboardPages(boolean tokensRequired) {
        this.tokensRequired = tokensRequired;
    }

    /**
     * The pages of a server.
     *
     * @param tokensRequired whether the server asks for bearer tokens, so the page asks for one first
     * @return a new route group
     */
    public static DashboardPages create(boolean tokensRequired) {
        return new DashboardPages(tokensRequired);
    }

    @Override
    public void register(RoutesConfig routes, ServerContext server) {
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(server, "server");
        String index = new String(bytes("index.html"), StandardCharsets.UTF_8)
                .replace("{{tokensRequired}}", Boolean.toString(tokensRequired));
        Map<String, byte[]> content = new HashMap<>();
        FILES.forEach((name, file) -> content.put(name, bytes(file[0])));
        routes.get("/", ctx -> page(ctx).contentType("text/html; charset=utf-8").result(index), Access.PUBLIC);
        routes.get(ASSETS + "{file}", ctx -> {
            String[] file = FILES.get(ctx.pathParam("file"));
            if (file == null) {
                throw new NotFoundException("no dashboard file '" + ctx.pathParam("file") + "'");
            }
            page(ctx).contentType(file[1] + "; charset=utf-8").result(content.get(ctx.pathParam("file")));
        }, Access.PUBLIC);
    }

    /** The page and its scripts come from this server only; the browser may neither frame nor sniff them. */
    private static Context page(Context ctx) {
        return ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'"
                        + " 'unsafe-inline'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache");
    }

    private static String webJarVersion(String artifact) {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = DashboardPages.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/" + artifact
                + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " WebJar is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] bytes(String name) {
        try (InputStream in = DashboardPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "DashboardPages" + ASSETS;
    }
}

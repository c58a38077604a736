package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block in README.md and docs/*.md is compiled, and run in a fresh working directory, so the
 * docs cannot drift from the code. A block may be preceded by {@code <!-- snippet: compile-only -->} (compiled,
 * not run) and by {@code <!-- snippet-setup ... -->}, hidden code that runs first (declares what a fragment
 * takes from the text around it). Each block runs in its own JVM, because its relative paths need a working
 * directory of its own.
 */
class DocSnippetsTest {
    /** The imports every block gets, as a reader with the guides' usual imports would have them. */
    static final List<String> IMPORTS = List.of("dev.modelregistry.api.*", "dev.modelregistry.api.archive.*",
            "dev.modelregistry.api.deployment.*", "dev.modelregistry.api.evaluation.*",
            "dev.modelregistry.api.evaluation.market.*", "dev.modelregistry.api.loading.*",
            "dev.modelregistry.api.maintenance.*", "dev.modelregistry.api.monitoring.*", "dev.modelregistry.api.storage.*",
            "dev.modelregistry.api.training.*",
            "dev.modelregistry.api.training.service.*", "dev.modelregistry.api.version.*", "dev.modelregistry.core.*",
            "dev.modelregistry.core.codec.*", "dev.modelregistry.core.deployment.*",
            "dev.modelregistry.core.evaluation.*", "dev.modelregistry.core.evaluation.market.*",
            "dev.modelregistry.core.training.*", "java.nio.file.*",
            "java.util.*", "java.util.stream.*", "java.security.*", "java.time.*");
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path CSV = ROOT.resolve("model-registry-examples/src/main/resources/data/eu_stock_markets.csv");
    private static final Pattern BLOCK = Pattern.compile(
            "((?:<!-- snippet: compile-only -->\\s*|<!-- snippet-setup\\n(?<setup>.*?)-->\\s*)*)```java\\n(?<code>.*?)```",
            Pattern.DOTALL);

    record Snippet(String where, String code, String setup, boolean run) {
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> all = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                String markers = m.group(1);
                int line = text.substring(0, m.start("code")).split("\n", -1).length;
                all.add(new Snippet(ROOT.relativize(file) + ":" + line, m.group("code"),
                        m.group("setup") == null ? "" : m.group("setup"), !markers.contains("compile-only")));
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> every_java_snippet_in_the_docs_compiles_and_runs(@TempDir Path dir) throws IOException {
        List<Snippet> all = snippets();
        System.out.printf("doc snippets: %d blocks, %d run, %d compile-only%n", all.size(),
                all.stream().filter(Snippet::run).count(), all.stream().filter(s -> !s.run()).count());
        assertThat(all).hasSizeGreaterThan(10);
        int[] n = {0};
        return all.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> check(s, dir.resolve("s" + n[0]++))));
    }

    private static void check(Snippet snippet, Path work) throws Exception {
        Files.createDirectories(work.resolve("classes"));
        // The data the guides read, where they read it: the working directory.
        Files.copy(CSV, work.resolve("eu_stock_markets.csv"));
        StringBuilder source = new StringBuilder();
        IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
        StringBuilder body = new StringBuilder();
        for (String line : snippet.code().split("\n")) {
            // A block's own imports move to the top, where Java wants them.
            (line.startsWith("import ") ? source : body).append(line).append('\n');
        }
        source.append("public class Snippet {\n    public static void main(String[] args) throws Exception {\n")
                .append(snippet.setup()).append("\n// ---- ").append(snippet.where()).append('\n').append(body)
                .append("    }\n}\n");
        Path java = work.resolve("Snippet.java");
        Files.writeString(java, source);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null,
                List.of("-proc:none", "-classpath", classPath, "-d", work.resolve("classes").toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(java)).call();
        assertThat(compiled).as("%s does not compile:%n%s%nsource:%n%s", snippet.where(), errors, source).isTrue();
        if (!snippet.run()) {
            return;
        }
        Path log = work.resolve("output.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // lightgbm4j and xgboost4j unpack their native libraries into java.io.tmpdir under fixed names;
                // a shared /tmp lets another JVM overwrite a library while this one loads it (a SIGSEGV).
                "-Djava.io.tmpdir=" + work, "-cp",
                work.resolve("classes") + File.pathSeparator + classPath, "Snippet")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0).as("%s failed when run:%n%s", snippet.where(),
                Files.readString(log)).isTrue();
    }

    @Test
    void jshell_start_up_imports_every_package_the_guides_use() throws IOException {
        String startup = Files.readString(ROOT.resolve("jshell/startup.jsh"));
        for (String i : IMPORTS) {
            if (i.startsWith("dev.modelregistry")) {
                assertThat(startup).as("jshell/startup.jsh imports %s", i).contains("import " + i + ";");
            }
        }
    }
}

package dev.modelregistry.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes: no package cycles in the api or in core,
 * core's root package holds only the facade, and core makes public only what a user needs; everything
 * else is package-private or in a package marked internal.
 */
class ArchitectureTest {
    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.modelregistry.api");
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.modelregistry.core");

    /**
     * The public types of core outside {@code internal}: the facade, and what users construct or
     * receive by name. Adding one here is a decision about the public api, not a formality.
     */
    private static final Set<String> CORE_PUBLIC = Set.of(
            "dev.modelregistry.core.ModelRegistry",
            "dev.modelregistry.core.codec.BytesCodec",
            "dev.modelregistry.core.codec.BytesModel",
            "dev.modelregistry.core.deployment.DefaultDeployer",
            "dev.modelregistry.core.evaluation.DefaultEvaluator",
            "dev.modelregistry.core.evaluation.EvaluationReports",
            "dev.modelregistry.core.evaluation.WalkForward",
            "dev.modelregistry.core.evaluation.market.HtmlReport",
            "dev.modelregistry.core.evaluation.market.MarketScorer",
            "dev.modelregistry.core.evaluation.market.PriceFeatures",
            "dev.modelregistry.core.micrometer.MicrometerServingMetrics",
            "dev.modelregistry.core.training.BundleCodec",
            "dev.modelregistry.core.training.Datasets",
            "dev.modelregistry.core.training.Panels",
            "dev.modelregistry.core.training.DefaultTrainingService",
            // the seam for models trained off this JVM (model-registry-trainer-spark): assemble and read bundles
            "dev.modelregistry.core.training.ExternalModels",
            "dev.modelregistry.core.training.Trainers");

    @Test
    void api_has_no_package_cycles() {
        slices().assignedFrom(byPackage("dev.modelregistry.api")).should().beFreeOfCycles().check(API);
    }

    @Test
    void core_has_no_package_cycles() {
        slices().assignedFrom(byPackage("dev.modelregistry.core")).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void core_root_package_holds_only_the_facade() {
        Set<String> root = CORE.stream()
                .filter(c -> c.getPackageName().equals("dev.modelregistry.core"))
                .filter(JavaClass::isTopLevelClass)
                .map(JavaClass::getSimpleName)
                .filter(n -> !n.equals("package-info"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(root).containsExactly("ModelRegistry");
    }

    @Test
    void core_makes_public_only_the_facade_and_what_users_construct() {
        Set<String> exported = CORE.stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !isInternal(c.getPackageName()))
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).containsExactlyInAnyOrderElementsOf(CORE_PUBLIC);
    }

    @Test
    void every_internal_package_says_so() throws IOException {
        Set<String> internal = CORE.stream().map(JavaClass::getPackageName).filter(ArchitectureTest::isInternal)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(internal).isNotEmpty();
        for (String pkg : internal) {
            Path info = Path.of("src/main/java", pkg.replace('.', '/'), "package-info.java");
            assertThat(info).as("package-info of %s", pkg).exists();
            assertThat(Files.readString(info)).as("package-info of %s", pkg).containsPattern("Internal, not API|Not API");
        }
    }

    /** One naming style for tests: a sentence in snake_case that says what holds. */
    @Test
    void tests_are_named_as_sentences() {
        JavaClasses tests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.modelregistry");
        methods().that().areAnnotatedWith(Test.class)
                .or().areAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")
                .or().areAnnotatedWith("org.junit.jupiter.api.RepeatedTest")
                .or().areAnnotatedWith("org.junit.jupiter.api.TestFactory")
                .should().haveNameMatching("[a-z][a-z0-9]*(_[a-z0-9]+)*")
                .check(tests);
    }

    private static boolean isInternal(String pkg) {
        return pkg.equals("dev.modelregistry.core.internal") || pkg.startsWith("dev.modelregistry.core.internal.");
    }

    /** Every package under the prefix (the prefix itself included) is one slice. */
    private static SliceAssignment byPackage(String prefix) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String pkg = c.getPackageName();
                return pkg.equals(prefix) || pkg.startsWith(prefix + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages under " + prefix;
            }
        };
    }
}

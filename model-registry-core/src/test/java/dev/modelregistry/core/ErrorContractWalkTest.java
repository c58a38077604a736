package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.Evaluator;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.monitoring.AlertListener;
import dev.modelregistry.api.monitoring.AlertRules;
import dev.modelregistry.api.monitoring.Monitoring;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.loading.ModelLoader;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.training.service.TrainingService;
import dev.modelregistry.api.version.MetricFilter;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.api.training.service.Split;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.training.service.TrainingService;
import dev.modelregistry.core.deployment.DefaultDeployer;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.modelregistry.api.archive.Backups;
import dev.modelregistry.api.archive.ImportOptions;

/**
 * Walks the public surface reflectively and holds it to the error contract of the api's package docs: a null
 * argument is a {@code NullPointerException} naming the parameter, and a version number below 1 is an
 * {@code InvalidArgumentException}. Reflection rather than a hand-written list, so that a method added later is
 * covered without anyone remembering to add it here.
 */
class ErrorContractWalkTest {
    @TempDir
    Path dir;
    ModelRegistry registry;
    TrainedModel trained;
    Dataset data;

    @BeforeEach
    void open() {
        registry = ModelRegistry.open(dir.resolve("registry"));
        registry.versions().register("m", new byte[] {1, 2, 3}, ModelMetadata.of("bytes"));
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = new double[60][2];
        double[] y = new double[60];
        for (int r = 0; r < x.length; r++) {
            x[r][0] = random.nextDouble(-1, 1);
            x[r][1] = random.nextDouble(-1, 1);
            y[r] = 2 * x[r][0] - x[r][1];
        }
        data = Dataset.of(List.of("x0", "x1"), x, y);
        trained = registry.training().train(TrainingRequest.of("lightgbm", data));
    }

    @AfterEach
    void close() {
        trained.close();
        registry.close();
    }

    /** One object whose public methods are walked, and the type whose methods count as its surface. */
    record Target(Class<?> type, Object instance) {
    }

    @Test
    void every_public_method_names_its_null_argument_and_refuses_version_numbers_below_one() {
        List<Target> targets = List.of(
                new Target(VersionManager.class, registry.versions()),
                new Target(ModelStorage.class, registry.storage()),
                new Target(ModelLoader.class, registry.models()),
                new Target(Deployer.class, registry.deployer()),
                new Target(Monitoring.class, registry.monitoring()),
                new Target(Evaluator.class, registry.evaluator()),
                new Target(Backups.class, registry.backups()),
                new Target(TrainingService.class, registry.training()),
                new Target(SearchQuery.Builder.class, SearchQuery.builder()),
                new Target(SearchQuery.class, SearchQuery.builder().build()),
                new Target(ModelRef.class, null));
        List<String> failures = new ArrayList<>();
        int methods = 0;
        int calls = 0;
        for (Target target : targets) {
            Method[] all = target.type().getMethods();
            // A stable order keeps the failure list comparable between runs.
            Arrays.sort(all, Comparator.comparing(Method::toGenericString));
            for (Method method : all) {
                if (method.getDeclaringClass() == Object.class || method.isSynthetic() || method.isBridge()
                        || method.getName().equals("close") || method.getName().equals("equals")) {
                    continue;
                }
                boolean isStatic = Modifier.isStatic(method.getModifiers());
                if (isStatic != (target.instance() == null)) {
                    continue;
                }
                Parameter[] params = method.getParameters();
                boolean counted = false;
                for (int i = 0; i < params.length; i++) {
                    Parameter p = params[i];
                    assertThat(p.isNamePresent()).as("compile with -parameters: %s", method).isTrue();
                    if (!p.getType().isPrimitive()) {
                        Object[] args = samples(params);
                        args[i] = null;
                        calls++;
                        counted = true;
                        check(target, method, args, NullPointerException.class,
                                Pattern.compile(Pattern.quote(p.getName()) + "( .*)?"), "null " + p.getName())
                                .ifPresent(failures::add);
                    }
                    if (isVersionNumber(p)) {
                        for (int bad : new int[] {0, -1}) {
                            Object[] args = samples(params);
                            args[i] = p.getType() == int.class ? (Object) bad : List.of(bad);
                            calls++;
                            counted = true;
                            check(target, method, args, InvalidArgumentException.class, null,
                                    p.getName() + "=" + bad).ifPresent(failures::add);
                        }
                    }
                }
                if (counted) {
                    methods++;
                }
            }
        }
        System.out.printf("error contract walk: %d methods, %d calls, %d failures%n", methods, calls,
                failures.size());
        assertThat(failures).as("contract violations").isEmpty();
        assertThat(methods).isGreaterThan(60);
    }

    private static boolean isVersionNumber(Parameter p) {
        return (p.getType() == int.class && p.getName().equals("version"))
                || (Collection.class.isAssignableFrom(p.getType()) && p.getName().equals("numbers"));
    }

    private static java.util.Optional<String> check(Target target, Method method, Object[] args,
            Class<? extends Throwable> expected, Pattern message, String what) {
        Throwable thrown;
        try {
            method.invoke(target.instance(), args);
            return java.util.Optional.of(method + " with " + what + ": returned normally");
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        if (thrown.getClass() != expected) {
            return java.util.Optional.of(method + " with " + what + ": " + thrown);
        }
        if (message != null && (thrown.getMessage() == null || !message.matcher(thrown.getMessage()).matches())) {
            return java.util.Optional.of(method + " with " + what + ": message does not name it: " + thrown);
        }
        return java.util.Optional.empty();
    }

    private Object[] samples(Parameter[] params) {
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = sample(params[i]);
        }
        return args;
    }

    private Object sample(Parameter p) {
        Class<?> type = p.getType();
        String name = p.getName();
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == double.class) {
            return 0.5;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == String.class) {
            return switch (name) {
                case "to" -> "m2";
                case "json" -> "{}";
                case "text" -> "m/1";
                default -> "m";
            };
        }
        if (type == InputStream.class) {
            return new ByteArrayInputStream(new byte[] {1, 2, 3});
        }
        if (type == byte[].class) {
            return new byte[] {1, 2, 3};
        }
        if (type == ModelMetadata.class) {
            return ModelMetadata.of("bytes");
        }
        if (type == ModelRef.class) {
            return ModelRef.version("m", 1);
        }
        if (type == ModelRef.Numbered.class) {
            return new ModelRef.Numbered("m", 1);
        }
        if (type == double[][].class) {
            return new double[10][1];
        }
        if (type == AlertRules.class) {
            return AlertRules.defaults();
        }
        if (type == AlertListener.class) {
            return (AlertListener) alert -> { };
        }
        if (type == Map.class) {
            return Map.of("auc", 0.5);
        }
        if (type == SearchQuery.class) {
            return SearchQuery.builder().build();
        }
        if (type == List.class || type == Collection.class) {
            Type element = ((ParameterizedType) p.getParameterizedType()).getActualTypeArguments()[0];
            if (element == Integer.class) {
                return List.of(1);
            }
            if (element == String.class) {
                return List.of("x0");
            }
            if (element == Split.class) {
                return List.of(new Split(new int[] {0, 1, 2}, new int[] {3, 4}));
            }
        }
        if (type == Path.class) {
            return dir.resolve("sample.zip");
        }
        if (type == ImportOptions.class) {
            return ImportOptions.defaults();
        }
        if (type == DeploymentSpec.class) {
            return DeploymentSpec.replace();
        }
        if (type == Predictor.class || type == TrainedModel.class) {
            return trained;
        }
        if (type == Dataset.class) {
            return data;
        }
        if (type == EvaluationOptions.class) {
            return EvaluationOptions.defaults();
        }
        if (type == Predictions.class) {
            return Predictions.of(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        }
        if (type == TrainingRequest.class) {
            return TrainingRequest.of("lightgbm", data);
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        if (type == MetricFilter.Comparison.class) {
            return MetricFilter.Comparison.values()[0];
        }
        if (type == SearchQuery.Order.class) {
            return SearchQuery.Order.NEWEST_FIRST;
        }
        if (type == ArtifactDigest.class) {
            return ArtifactDigest.ofBytes(new byte[32]);
        }
        if (type == ArtifactInfo.class) {
            return new ArtifactInfo(ArtifactDigest.ofBytes(new byte[32]), 3);
        }
        throw new AssertionError("no sample value for " + p.getParameterizedType() + " " + name
                + ": add one to ErrorContractWalkTest.sample");
    }
}

package dev.modelregistry.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.AliasNotFoundException;
import dev.modelregistry.api.InvalidNameException;
import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.VersionNotFoundException;
import dev.modelregistry.api.version.MetricDelta;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.api.version.VersionDiff;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.api.version.VersionState;
import dev.modelregistry.testkit.property.Command;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.StateMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link VersionManager}, as JUnit 5 tests: extend this class, implement
 * {@link #createVersionManager(Path)} and, if the instance holds resources,
 * {@link #close(VersionManager)}; every test below runs against your implementation.
 *
 * <pre>{@code
 * class MyVersionManagerContractTest extends VersionManagerContract {
 *     private MyRegistry registry;
 *
 *     @Override
 *     protected VersionManager createVersionManager(Path dir) {
 *         registry = MyRegistry.open(dir);
 *         return registry.versions();
 *     }
 *
 *     @Override
 *     protected void close(VersionManager versions) {
 *         registry.close();
 *     }
 * }
 * }</pre>
 *
 * <p>It checks version numbering (from 1, never reused, also under random register/delete
 * sequences), aliases and their removal on delete, reserved alias names, rollback, the specific
 * not-found exceptions, name validation, tags, metric deltas in comparisons and that search
 * pagination returns every result exactly once. Artifacts are small byte arrays registered with
 * {@code ModelMetadata.of("bytes")}, so the implementation needs a codec or storage that accepts
 * the format id {@code bytes}.
 *
 * <p>Thread-safety: an instance of this class is used by one test thread (JUnit creates one per
 * test).
 */
public abstract class VersionManagerContract {

    private static final String FORMAT = "bytes";
    private static final String[] RESERVED_ALIASES = {"latest", "LATEST", "Latest", "v1", "V12", "v007"};
    private static final String[] INVALID_MODEL_NAMES = {
        "", " ", "has space", ".hidden", "-dash-first", "a..b", "../escape", "a/b", "a@b", "tab\tname",
        "x".repeat(256)};

    @TempDir
    Path dir;

    VersionManager versions;

    private final AtomicInteger artifacts = new AtomicInteger();

    /** For subclasses. */
    protected VersionManagerContract() {
    }

    /**
     * Creates the implementation under test: a fresh, empty registry of versions. Called once
     * before each test, on the test thread.
     *
     * @param dir a fresh, empty temporary directory the implementation may use (deleted after the test)
     * @return the version manager, not null
     */
    protected abstract VersionManager createVersionManager(Path dir);

    /**
     * Releases what {@link #createVersionManager(Path)} opened, e.g. closes the registry. Called
     * once after each test, also when the test failed. The default does nothing.
     *
     * @param versions the instance returned by {@link #createVersionManager(Path)}, not null
     */
    protected void close(VersionManager versions) {
    }

    @BeforeEach
    void createVersionManagerUnderTest() {
        versions = createVersionManager(dir);
        assertThat(versions).as("createVersionManager(dir) returned null").isNotNull();
    }

    @AfterEach
    void closeVersionManagerUnderTest() {
        if (versions != null) {
            close(versions);
        }
    }

    @Nested
    class Numbering {

        @Test
        void starts_at_1_and_increases_by_one_per_model() {
            assertThat(register("a").version()).isEqualTo(1);
            assertThat(register("a").version()).isEqualTo(2);
            assertThat(register("b").version()).isEqualTo(1);
            assertThat(register("a").version()).isEqualTo(3);

            assertThat(versions.versions("a")).extracting(ModelVersion::version).containsExactly(1, 2, 3);
        }

        @Test
        void after_deleting_1_and_3_of_three_the_next_is_4() {
            register("a");
            register("a");
            register("a");
            versions.deleteVersion("a", 1);
            versions.deleteVersion("a", 3);

            assertThat(register("a").version()).isEqualTo(4);
            assertThat(versions.versions("a")).extracting(ModelVersion::version).containsExactly(2, 4);
            assertThat(versions.history("a")).extracting(ModelVersion::version, ModelVersion::state).containsExactly(
                    tuple(1, VersionState.DELETED), tuple(2, VersionState.LIVE),
                    tuple(3, VersionState.DELETED), tuple(4, VersionState.LIVE));
        }

        @Test
        void continue_after_the_whole_model_was_deleted_and_registered_again() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 2);
            versions.setModelTag("a", "owner", "quant-team");

            versions.deleteModel("a");

            assertThatThrownBy(() -> versions.model("a")).isInstanceOf(ModelNotFoundException.class);
            assertThat(versions.models()).isEmpty();
            ModelVersion again = register("a");
            assertThat(again.version()).isEqualTo(3);
            assertThat(versions.model("a").aliases()).isEmpty();
            assertThat(versions.model("a").tags()).isEmpty();
        }

        @Test
        void a_deleted_version_stays_in_history_as_deleted() {
            register("a");
            ModelVersion deleted = versions.deleteVersion("a", 1);

            assertThat(deleted.state()).isEqualTo(VersionState.DELETED);
            assertThat(deleted.deletedAt()).isPresent();
            assertThat(versions.history("a")).singleElement()
                    .satisfies(v -> assertThat(v.state()).isEqualTo(VersionState.DELETED));
        }

        @Test
        void are_strictly_increasing_and_never_reused_under_any_register_and_delete_sequence() {
            AtomicInteger tries = new AtomicInteger();
            StateMachine.<Ledger, Subject>builder()
                    .initialModel(Ledger::new)
                    .system(() -> new Subject(versions, "seq-" + tries.incrementAndGet()))
                    .command(Gen.integers(0, 3).map(Register::new))
                    .commandFrom(ledger -> ledger.live.isEmpty() ? Optional.empty()
                            : Optional.of(Gen.elementOf(List.copyOf(ledger.live)).map(Delete::new)))
                    .invariant("history is 1..highest, live as in the ledger", (ledger, subject) -> {
                        if (ledger.highest == 0) {
                            return;
                        }
                        List<ModelVersion> history = subject.versions().history(subject.model());
                        assertThat(history).extracting(ModelVersion::version)
                                .containsExactlyElementsOf(rangeClosed(1, ledger.highest));
                        assertThat(history).filteredOn(ModelVersion::isLive).extracting(ModelVersion::version)
                                .containsExactlyElementsOf(ledger.live);
                    })
                    .maxCommands(20)
                    .build()
                    .check();
        }
    }

    @Nested
    class Aliases {

        @Test
        void point_at_a_version_and_resolve_through_get() {
            register("a");
            register("a");

            ModelVersion target = versions.setAlias("a", "champion", 1);

            assertThat(target.version()).isEqualTo(1);
            assertThat(versions.get(ModelRef.alias("a", "champion")).version()).isEqualTo(1);
            assertThat(versions.get(ModelRef.version("a", 1)).aliases()).containsExactly("champion");
            assertThat(versions.model("a").aliases()).containsExactlyEntriesOf(Map.of("champion", 1));
        }

        @Test
        void are_removed_when_their_version_is_deleted() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 2);
            versions.setAlias("a", "challenger", 1);

            versions.deleteVersion("a", 2);

            assertThat(versions.model("a").aliases()).containsOnlyKeys("challenger");
            assertThatThrownBy(() -> versions.get(ModelRef.alias("a", "champion")))
                    .isInstanceOf(AliasNotFoundException.class);
            assertThat(versions.find(ModelRef.alias("a", "champion"))).isEmpty();
        }

        @Test
        void with_reserved_names_are_refused_and_nothing_changes() {
            register("a");
            for (String reserved : RESERVED_ALIASES) {
                assertThatThrownBy(() -> versions.setAlias("a", reserved, 1))
                        .as("setAlias(\"a\", \"%s\", 1)", reserved)
                        .isInstanceOf(InvalidNameException.class);
            }
            assertThat(versions.model("a").aliases()).isEmpty();
            assertThat(versions.get(ModelRef.version("a", 1)).aliases()).isEmpty();
        }

        @Test
        void with_invalid_names_are_refused() {
            register("a");
            for (String invalid : new String[] {"", "has space", "dot.ted", "slash/ed", "x".repeat(256)}) {
                assertThatThrownBy(() -> versions.setAlias("a", invalid, 1))
                        .as("setAlias(\"a\", \"%s\", 1)", invalid)
                        .isInstanceOf(InvalidNameException.class);
            }
            assertThat(versions.model("a").aliases()).isEmpty();
        }

        @Test
        void rollback_walks_back_through_the_alias_history() {
            register("a");
            register("a");
            register("a");
            versions.setAlias("a", "champion", 1);
            versions.setAlias("a", "champion", 2);
            versions.setAlias("a", "champion", 3);

            assertThat(versions.rollback("a", "champion").version()).isEqualTo(2);
            assertThat(versions.get(ModelRef.alias("a", "champion")).version()).isEqualTo(2);
            assertThat(versions.rollback("a", "champion").version()).isEqualTo(1);
            assertThat(versions.get(ModelRef.alias("a", "champion")).version()).isEqualTo(1);
        }

        @Test
        void rollback_with_no_earlier_target_throws_alias_not_found_and_keeps_the_alias() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 2);

            assertThatThrownBy(() -> versions.rollback("a", "champion")).isInstanceOf(AliasNotFoundException.class);
            assertThat(versions.get(ModelRef.alias("a", "champion")).version()).isEqualTo(2);
        }

        @Test
        void rollback_past_the_first_target_throws_alias_not_found() {
            register("a");
            register("a");
            versions.setAlias("a", "champion", 1);
            versions.setAlias("a", "champion", 2);
            versions.rollback("a", "champion");

            assertThatThrownBy(() -> versions.rollback("a", "champion")).isInstanceOf(AliasNotFoundException.class);
            assertThat(versions.get(ModelRef.alias("a", "champion")).version()).isEqualTo(1);
        }

        @Test
        void rollback_of_an_alias_that_does_not_exist_throws_alias_not_found() {
            register("a");

            assertThatThrownBy(() -> versions.rollback("a", "nobody")).isInstanceOf(AliasNotFoundException.class);
        }

        @Test
        void removing_an_alias_that_does_not_exist_throws_alias_not_found() {
            register("a");

            assertThatThrownBy(() -> versions.removeAlias("a", "nobody")).isInstanceOf(AliasNotFoundException.class);
        }
    }

    @Nested
    class Lookups {

        @Test
        void of_an_unknown_model_throw_model_not_found() {
            assertThatThrownBy(() -> versions.get(ModelRef.latest("nope"))).isInstanceOf(ModelNotFoundException.class);
            assertThatThrownBy(() -> versions.get(ModelRef.version("nope", 1)))
                    .isInstanceOf(ModelNotFoundException.class);
            assertThatThrownBy(() -> versions.get(ModelRef.alias("nope", "champion")))
                    .isInstanceOf(ModelNotFoundException.class);
            assertThatThrownBy(() -> versions.model("nope")).isInstanceOf(ModelNotFoundException.class);
            assertThatThrownBy(() -> versions.versions("nope")).isInstanceOf(ModelNotFoundException.class);
            assertThatThrownBy(() -> versions.history("nope")).isInstanceOf(ModelNotFoundException.class);
            assertThat(versions.find(ModelRef.latest("nope"))).isEmpty();
        }

        @Test
        void of_an_unknown_version_throw_version_not_found() {
            register("a");

            assertThatThrownBy(() -> versions.get(ModelRef.version("a", 9)))
                    .isInstanceOf(VersionNotFoundException.class);
            assertThatThrownBy(() -> versions.deleteVersion("a", 9)).isInstanceOf(VersionNotFoundException.class);
            assertThat(versions.find(ModelRef.version("a", 9))).isEmpty();
        }

        @Test
        void of_a_deleted_version_throw_version_not_found() {
            register("a");
            register("a");
            versions.deleteVersion("a", 1);

            assertThatThrownBy(() -> versions.get(ModelRef.version("a", 1)))
                    .isInstanceOf(VersionNotFoundException.class);
            assertThatThrownBy(() -> versions.deleteVersion("a", 1)).isInstanceOf(VersionNotFoundException.class);
            assertThat(versions.get(ModelRef.latest("a")).version()).isEqualTo(2);
        }

        @Test
        void of_an_unknown_alias_throw_alias_not_found() {
            register("a");

            assertThatThrownBy(() -> versions.get(ModelRef.alias("a", "champion")))
                    .isInstanceOf(AliasNotFoundException.class);
            assertThat(versions.find(ModelRef.alias("a", "champion"))).isEmpty();
        }

        @Test
        void latest_resolves_to_the_newest_live_version() {
            register("a");
            register("a");
            register("a");
            versions.deleteVersion("a", 3);

            assertThat(versions.get(ModelRef.latest("a")).version()).isEqualTo(2);
            assertThat(versions.model("a").latestVersion()).contains(2);
            assertThat(versions.model("a").liveVersions()).isEqualTo(2);
        }
    }

    @Nested
    class Naming {

        @Test
        void invalid_model_names_are_refused_before_anything_is_written() {
            for (String invalid : INVALID_MODEL_NAMES) {
                assertThatThrownBy(() -> versions.register(invalid, artifact(), ModelMetadata.of(FORMAT)))
                        .as("register(\"%s\", ...)", invalid)
                        .isInstanceOf(InvalidNameException.class);
            }
            assertThat(versions.models()).isEmpty();
        }

        @Test
        void invalid_tag_keys_are_refused() {
            register("a");

            assertThatThrownBy(() -> versions.setVersionTag(ModelRef.version("a", 1), "has space", "x"))
                    .isInstanceOf(InvalidNameException.class);
            assertThatThrownBy(() -> versions.setModelTag("a", "", "x")).isInstanceOf(InvalidNameException.class);
            assertThat(versions.get(ModelRef.version("a", 1)).tags()).isEmpty();
            assertThat(versions.model("a").tags()).isEmpty();
        }

        @Test
        void valid_names_with_dots_dashes_and_underscores_are_accepted() {
            String name = "Team_1.churn-model.v2";

            assertThat(register(name).model()).isEqualTo(name);
            assertThat(versions.get(ModelRef.latest(name)).model()).isEqualTo(name);
        }
    }

    @Nested
    class Tags {

        @Test
        void on_a_version_are_set_and_removed() {
            register("a");
            ModelRef ref = ModelRef.version("a", 1);

            assertThat(versions.setVersionTag(ref, "stage", "candidate").tags())
                    .containsExactlyEntriesOf(Map.of("stage", "candidate"));
            assertThat(versions.setVersionTag(ref, "stage", "approved").tags())
                    .containsExactlyEntriesOf(Map.of("stage", "approved"));
            assertThat(versions.get(ref).tags()).containsExactlyEntriesOf(Map.of("stage", "approved"));

            assertThat(versions.removeVersionTag(ref, "stage").tags()).isEmpty();
            assertThat(versions.get(ref).tags()).isEmpty();
        }

        @Test
        void removing_a_version_tag_that_is_not_there_changes_nothing() {
            register("a");
            ModelRef ref = ModelRef.version("a", 1);
            versions.setVersionTag(ref, "keep", "me");

            assertThat(versions.removeVersionTag(ref, "absent").tags()).containsExactlyEntriesOf(Map.of("keep", "me"));
        }

        @Test
        void on_a_model_are_set_and_removed() {
            register("a");

            assertThat(versions.setModelTag("a", "owner", "quant-team").tags())
                    .containsExactlyEntriesOf(Map.of("owner", "quant-team"));
            assertThat(versions.model("a").tags()).containsExactlyEntriesOf(Map.of("owner", "quant-team"));

            assertThat(versions.removeModelTag("a", "owner").tags()).isEmpty();
            assertThat(versions.removeModelTag("a", "owner").tags()).as("removing again").isEmpty();
            assertThat(versions.model("a").tags()).isEmpty();
        }

        @Test
        void on_one_version_do_not_leak_to_another() {
            register("a");
            register("a");

            versions.setVersionTag(ModelRef.version("a", 1), "stage", "candidate");

            assertThat(versions.get(ModelRef.version("a", 2)).tags()).isEmpty();
        }
    }

    @Nested
    class Comparing {

        @Test
        void reports_metric_deltas_between_two_versions() {
            versions.register("a", artifact(), ModelMetadata.builder(FORMAT)
                    .metric("rmse", 0.5).metric("mae", 0.4).build());
            versions.register("a", artifact(), ModelMetadata.builder(FORMAT)
                    .metric("rmse", 0.3).metric("r2", 0.9).build());

            VersionDiff diff = versions.compare(ModelRef.version("a", 1), ModelRef.version("a", 2));

            assertThat(diff.metrics()).containsOnlyKeys("mae", "r2", "rmse");
            MetricDelta rmse = diff.metrics().get("rmse");
            assertThat(rmse.before()).contains(0.5);
            assertThat(rmse.after()).contains(0.3);
            assertThat(rmse.delta()).hasValueSatisfying(d -> assertThat(d).isCloseTo(-0.2, within(1e-9)));
            assertThat(diff.metrics().get("mae").after()).isEmpty();
            assertThat(diff.metrics().get("mae").delta()).isEmpty();
            assertThat(diff.metrics().get("r2").before()).isEmpty();
            assertThat(diff.metrics().get("r2").after()).contains(0.9);
        }

        @Test
        void tells_whether_the_artifacts_are_identical() {
            byte[] same = "identical bytes".getBytes(StandardCharsets.UTF_8);
            versions.register("a", same, ModelMetadata.of(FORMAT));
            versions.register("a", same.clone(), ModelMetadata.of(FORMAT));
            register("a");

            assertThat(versions.compare(ModelRef.version("a", 1), ModelRef.version("a", 2)).sameArtifact()).isTrue();
            assertThat(versions.compare(ModelRef.version("a", 1), ModelRef.version("a", 3)).sameArtifact()).isFalse();
        }

        @Test
        void of_a_version_with_itself_reports_no_differences() {
            versions.register("a", artifact(), ModelMetadata.builder(FORMAT).metric("rmse", 0.5).build());

            VersionDiff diff = versions.compare(ModelRef.version("a", 1), ModelRef.version("a", 1));

            assertThat(diff.sameArtifact()).isTrue();
            assertThat(diff.fields()).isEmpty();
            assertThat(diff.tags()).isEmpty();
            assertThat(diff.metrics().values()).allSatisfy(m -> assertThat(m.delta()).contains(0.0));
        }
    }

    @Nested
    class Searching {

        @Test
        void pages_through_every_result_exactly_once_in_every_order() {
            List<ModelRef> live = new ArrayList<>();
            for (String model : List.of("alpha", "beta", "gamma")) {
                for (int i = 0; i < 4; i++) {
                    live.add(register(model).ref());
                }
            }
            versions.deleteVersion("beta", 2);
            live.remove(ModelRef.version("beta", 2));

            for (SearchQuery.Order order : SearchQuery.Order.values()) {
                List<ModelRef> seen = searchAll(SearchQuery.builder().order(order).pageSize(5).build());

                assertThat(seen).as("results in order %s", order).containsExactlyInAnyOrderElementsOf(live);
                assertThat(new HashSet<>(seen)).as("distinct results in order %s", order).hasSize(seen.size());
            }
        }

        @Test
        void orders_by_name_then_version_when_asked() {
            register("b");
            register("a");
            register("b");
            register("a");

            List<ModelRef> seen = searchAll(SearchQuery.builder()
                    .order(SearchQuery.Order.NAME_THEN_VERSION).pageSize(1).build());

            assertThat(seen).containsExactly(ModelRef.version("a", 1), ModelRef.version("a", 2),
                    ModelRef.version("b", 1), ModelRef.version("b", 2));
        }

        @Test
        void includes_deleted_versions_only_when_asked() {
            register("a");
            register("a");
            versions.deleteVersion("a", 1);

            assertThat(searchAll(SearchQuery.builder().pageSize(10).build()))
                    .containsExactly(ModelRef.version("a", 2));
            assertThat(searchAll(SearchQuery.builder().includeDeleted(true).pageSize(10).build()))
                    .containsExactlyInAnyOrder(ModelRef.version("a", 1), ModelRef.version("a", 2));
        }

        @Test
        void filters_by_version_tag() {
            register("a");
            register("a");
            register("b");
            versions.setVersionTag(ModelRef.version("a", 2), "stage", "approved");
            versions.setVersionTag(ModelRef.version("b", 1), "stage", "candidate");

            assertThat(searchAll(SearchQuery.builder().tag("stage", "approved").pageSize(10).build()))
                    .containsExactly(ModelRef.version("a", 2));
        }

        @Test
        void of_an_empty_registry_returns_one_empty_last_page() {
            Page<ModelVersion> page = versions.search(SearchQuery.builder().build());

            assertThat(page.items()).isEmpty();
            assertThat(page.nextPageToken()).isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    ModelVersion register(String model) {
        return versions.register(model, artifact(), ModelMetadata.of(FORMAT));
    }

    /** A small artifact, different from every other this instance made. */
    byte[] artifact() {
        return ("artifact " + artifacts.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    }

    List<ModelRef> searchAll(SearchQuery query) {
        List<ModelRef> seen = new ArrayList<>();
        SearchQuery next = query;
        for (int pages = 0; pages < 10_000; pages++) {
            Page<ModelVersion> page = versions.search(next);
            assertThat(page.items().size()).as("items on one page").isLessThanOrEqualTo(query.pageSize());
            page.items().forEach(v -> seen.add(v.ref()));
            if (page.nextPageToken().isEmpty()) {
                return seen;
            }
            next = query.continueAt(page.nextPageToken().get());
        }
        throw new AssertionError("search did not reach a last page after 10,000 pages");
    }

    static List<Integer> rangeClosed(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    /** The system of the numbering state machine: one model of the shared version manager per try. */
    record Subject(VersionManager versions, String model) {
    }

    /** The reference model: the live version numbers and the highest number ever given. */
    static final class Ledger {
        final Set<Integer> live = new TreeSet<>();
        int highest;

        @Override
        public String toString() {
            return "Ledger[live=" + live + ", highest=" + highest + "]";
        }
    }

    /** Registers a version; its number must be one more than the highest number ever given. */
    record Register(int payload) implements Command<Ledger, Subject> {
        @Override
        public Ledger run(Subject subject, Ledger ledger) {
            byte[] bytes = ("payload " + payload).getBytes(StandardCharsets.UTF_8);
            ModelVersion v = subject.versions().register(subject.model(), bytes, ModelMetadata.of(FORMAT));
            assertThat(v.version()).as("number of a new version after highest %d", ledger.highest)
                    .isEqualTo(ledger.highest + 1);
            assertThat(v.isLive()).isTrue();
            ledger.highest = v.version();
            ledger.live.add(v.version());
            return ledger;
        }
    }

    /** Deletes a live version. */
    record Delete(int version) implements Command<Ledger, Subject> {
        @Override
        public boolean precondition(Ledger ledger) {
            return ledger.live.contains(version);
        }

        @Override
        public Ledger run(Subject subject, Ledger ledger) {
            ModelVersion v = subject.versions().deleteVersion(subject.model(), version);
            assertThat(v.version()).isEqualTo(version);
            assertThat(v.isLive()).isFalse();
            ledger.live.remove(version);
            return ledger;
        }
    }
}

package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time columns in CSV files: integers, ISO dates, date-times with offsets, and local date-times in a zone. */
class CsvTimesTest {
    @TempDir
    Path dir;

    long[] times(String column, ZoneId zone) throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "date,x,y\n" + column.lines()
                .map(v -> v + ",1,2").reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n");
        Dataset d = zone == null ? Datasets.fromCsv(csv, "y", Optional.of("date"), List.of())
                : Datasets.fromCsv(csv, "y", Optional.of("date"), List.of(), zone);
        assertThat(d.featureNames()).containsExactly("x");
        return d.times().orElseThrow();
    }

    @Test
    void iso_dates_become_epoch_seconds_at_midnight_utc() throws IOException {
        assertThat(times("2000-09-27\n2000-09-28\n2000-10-02", null)).containsExactly(
                Instant.parse("2000-09-27T00:00:00Z").getEpochSecond(),
                Instant.parse("2000-09-28T00:00:00Z").getEpochSecond(),
                Instant.parse("2000-10-02T00:00:00Z").getEpochSecond());
    }

    @Test
    void date_times_with_offsets_become_epoch_seconds_of_that_instant() throws IOException {
        assertThat(times("2000-09-27T16:00:00Z\n2000-09-27 18:30:00+02:00\n2000-09-27T17:00-00:00", null))
                .containsExactly(Instant.parse("2000-09-27T16:00:00Z").getEpochSecond(),
                        Instant.parse("2000-09-27T16:30:00Z").getEpochSecond(),
                        Instant.parse("2000-09-27T17:00:00Z").getEpochSecond());
    }

    @Test
    void local_date_times_are_read_in_the_given_zone_and_refused_without_one() throws IOException {
        assertThat(times("2000-09-27T09:30\n2000-09-27 10:00:00", ZoneId.of("America/New_York"))).containsExactly(
                Instant.parse("2000-09-27T13:30:00Z").getEpochSecond(),
                Instant.parse("2000-09-27T14:00:00Z").getEpochSecond());
        assertThatThrownBy(() -> times("2000-09-27T09:30", null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("'2000-09-27T09:30'")
                .hasMessageContaining("give its zone");
    }

    @Test
    void integers_stay_as_they_are() throws IOException {
        assertThat(times("1\n2\n5", null)).containsExactly(1, 2, 5);
    }

    @Test
    void anything_else_or_a_change_of_kind_is_refused_naming_line_value_and_kinds() {
        assertThatThrownBy(() -> times("2000-09-27\n27/09/2000", null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("'27/09/2000'")
                .hasMessageContaining("an ISO date (2000-09-27) like the first row's");
        assertThatThrownBy(() -> times("Sep 27", null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'Sep 27'").hasMessageContaining("an integer, an ISO date (2000-09-27)");
        assertThatThrownBy(() -> times("2000-09-27\n12", null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> times("2000-09-28\n2000-09-27", null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("time order");
    }
}

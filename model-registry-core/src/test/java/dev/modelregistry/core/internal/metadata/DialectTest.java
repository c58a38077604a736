package dev.modelregistry.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Name patterns match the same names on PostgreSQL as SQLite's GLOB does: random patterns over random names,
 * each evaluated by both databases.
 */
class DialectTest {
    private static final String ALPHABET = "ab-_.*?[]^\\%";

    @Test
    void a_glob_pattern_matches_the_same_names_on_postgresql_as_on_sqlite() throws Exception {
        Random random = new Random(11);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            names.add(word(random, "ab-_.%\\", 1 + random.nextInt(6)));
        }
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
                Connection pg = DriverManager.getConnection(PostgresServer.newDatabase());
                PreparedStatement glob = sqlite.prepareStatement("SELECT ? GLOB ?");
                PreparedStatement regex = pg.prepareStatement("SELECT ? ~ ?")) {
            int matches = 0;
            for (int p = 0; p < 400; p++) {
                String pattern = word(random, ALPHABET, 1 + random.nextInt(5));
                for (String name : names) {
                    boolean expected = ask(glob, name, Dialect.SQLITE.namePattern(pattern));
                    boolean actual = ask(regex, name, Dialect.POSTGRESQL.namePattern(pattern));
                    assertThat(actual).as("'%s' against '%s' (regex %s)", name, pattern,
                            Dialect.globToRegex(pattern)).isEqualTo(expected);
                    matches += expected ? 1 : 0;
                }
            }
            assertThat(matches).as("the patterns match something").isGreaterThan(100);
        }
    }

    private static boolean ask(PreparedStatement s, String name, Object pattern) throws Exception {
        s.setString(1, name);
        s.setObject(2, pattern);
        try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getBoolean(1);
        }
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}

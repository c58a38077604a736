package dev.modelregistry.core.internal.metadata;

/**
 * The few places where the SQL the rooms share cannot be the same on SQLite and PostgreSQL: matching a
 * name against a glob pattern, and pinning the model table as the outer loop of a join. Everything else
 * is written once, in SQL both accept.
 */
public enum Dialect {
    /** SQLite: {@code GLOB} and {@code CROSS JOIN}, which its planner never reorders. */
    SQLITE {
        @Override
        String nameMatches(String column) {
            return column + " GLOB ?";
        }

        @Override
        Object namePattern(String glob) {
            return glob;
        }

        @Override
        String modelsThenVersions() {
            return "FROM model m CROSS JOIN version v ON v.model_id = m.id";
        }
    },
    /**
     * PostgreSQL: the glob becomes an anchored POSIX regular expression ({@code ~}), which matches the same
     * names: {@code *}, {@code ?} and bracket classes with {@code ^} negation and ranges, case-sensitive.
     * Its planner picks the join order itself.
     */
    POSTGRESQL {
        @Override
        String nameMatches(String column) {
            return column + " ~ ?";
        }

        @Override
        Object namePattern(String glob) {
            return globToRegex(glob);
        }

        @Override
        String modelsThenVersions() {
            return "FROM model m JOIN version v ON v.model_id = m.id";
        }
    };

    /** The condition that {@code column} matches the pattern parameter. */
    abstract String nameMatches(String column);

    /** The parameter to bind for a glob pattern in {@link #nameMatches}. */
    abstract Object namePattern(String glob);

    /** A FROM clause over models and their versions, models as the outer loop where the dialect can say so. */
    abstract String modelsThenVersions();

    /**
     * SQLite's GLOB as an anchored POSIX regular expression. A class left open ({@code [abc}) matches
     * nothing in SQLite, and so here.
     */
    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
                i++;
            } else if (c == '?') {
                re.append('.');
                i++;
            } else if (c == '[') {
                int j = i + 1;
                StringBuilder cls = new StringBuilder("[");
                if (j < glob.length() && glob.charAt(j) == '^') {
                    cls.append('^');
                    j++;
                }
                if (j < glob.length() && glob.charAt(j) == ']') {
                    cls.append("\\]");
                    j++;
                }
                while (j < glob.length() && glob.charAt(j) != ']') {
                    char k = glob.charAt(j);
                    cls.append(k == '\\' || k == '[' ? "\\" + k : String.valueOf(k));
                    j++;
                }
                if (j >= glob.length()) {
                    return "a^"; // an open class: matches nothing, as in SQLite
                }
                re.append(cls).append(']');
                i = j + 1;
            } else {
                if ("\\.^$|()[]{}+*?".indexOf(c) >= 0) {
                    re.append('\\');
                }
                re.append(c);
                i++;
            }
        }
        return re.append('$').toString();
    }
}

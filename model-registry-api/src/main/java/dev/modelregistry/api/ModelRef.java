package dev.modelregistry.api;

import java.util.Objects;

/**
 * A reference to one version of a model, in one of three forms:
 * <ul>
 *   <li>{@code name}: the newest live version ({@link ModelRef.Latest});</li>
 *   <li>{@code name/3}: version 3 ({@link ModelRef.Numbered});</li>
 *   <li>{@code name@champion}: whatever the alias points to now ({@link ModelRef.Aliased}).</li>
 * </ul>
 * Each record's {@code toString()} gives the canonical text, which {@link #parse(String)} reads back.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ModelRef permits ModelRef.Latest, ModelRef.Numbered, ModelRef.Aliased {

    /**
     * The model's name.
     *
     * @return the validated model name
     */
    String model();

    /**
     * Parses {@code name}, {@code name/N} or {@code name@alias}. The reserved aliases read as
     * what they name: {@code name@latest} is {@code name}, {@code name@v3} is {@code name/3}.
     *
     * @param text the reference
     * @return the reference
     * @throws InvalidNameException if the name or alias breaks the rules
     * @throws InvalidArgumentException if the version is not a positive integer
     */
    static ModelRef parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        int at = text.indexOf('@');
        if (slash >= 0 && at >= 0) {
            throw new InvalidArgumentException("model reference '" + text + "' names both a version and an alias");
        }
        if (slash >= 0) {
            String number = text.substring(slash + 1);
            if (!number.matches("[0-9]{1,9}")) {
                throw new InvalidArgumentException("model reference '" + text
                        + "': the version after '/' must be a positive integer");
            }
            return new Numbered(text.substring(0, slash), Integer.parseInt(number));
        }
        if (at >= 0) {
            String model = text.substring(0, at);
            String alias = text.substring(at + 1);
            // The reserved alias names mean what they say: name@latest and name@v3.
            if (alias.equalsIgnoreCase("latest")) {
                return new Latest(model);
            }
            if (alias.matches("[vV][0-9]{1,9}")) {
                return new Numbered(model, Integer.parseInt(alias.substring(1)));
            }
            return new Aliased(model, alias);
        }
        return new Latest(text);
    }

    /**
     * The newest live version of a model.
     *
     * @param model the model name
     * @return the reference
     */
    static ModelRef latest(String model) {
        Objects.requireNonNull(model, "model");
        return new Latest(model);
    }

    /**
     * One numbered version.
     *
     * @param model the model name
     * @param version the version number, from 1
     * @return the reference
     */
    static ModelRef version(String model, int version) {
        Objects.requireNonNull(model, "model");
        return new Numbered(model, version);
    }

    /**
     * The version an alias points to.
     *
     * @param model the model name
     * @param alias the alias
     * @return the reference
     */
    static ModelRef alias(String model, String alias) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        return new Aliased(model, alias);
    }

    /**
     * The newest live version.
     *
     * @param model the model name
     */
    record Latest(String model) implements ModelRef {
        /**
         * Validates the name.
         *
         * @param model the model name
         */
        public Latest {
            Names.requireModelName(model);
        }

        @Override
        public String toString() {
            return model;
        }
    }

    /**
     * A numbered version.
     *
     * @param model the model name
     * @param version the version number, from 1
     */
    record Numbered(String model, int version) implements ModelRef {
        /**
         * Validates the name and number.
         *
         * @param model the model name
         * @param version the version number, from 1
         */
        public Numbered {
            Names.requireModelName(model);
            if (version < 1) {
                throw new InvalidArgumentException("version numbers start at 1, got " + version);
            }
        }

        @Override
        public String toString() {
            return model + "/" + version;
        }
    }

    /**
     * The version an alias points to.
     *
     * @param model the model name
     * @param alias the alias, never a reserved name
     */
    record Aliased(String model, String alias) implements ModelRef {
        /**
         * Validates the names.
         *
         * @param model the model name
         * @param alias the alias
         */
        public Aliased {
            Names.requireModelName(model);
            Names.requireAliasName(alias);
        }

        @Override
        public String toString() {
            return model + "@" + alias;
        }
    }
}

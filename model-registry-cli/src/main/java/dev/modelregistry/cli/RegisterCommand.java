package dev.modelregistry.cli;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code register FILE}: stores a file as a new version, streamed (never read whole into memory). A trained
 * model's artifact ({@code --format model-bundle}, as {@code registry.training().register} stores it) can be
 * loaded and deployed afterwards: the trainer modules are on the launcher's class path.
 */
@Command(name = "register", description = "Register FILE as the next version of a model.")
final class RegisterCommand extends RegistryCommand {
    @Parameters(paramLabel = "FILE", description = "The artifact to store.")
    private Path file;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The model.")
    private String name;

    @Option(names = "--format", paramLabel = "ID", defaultValue = "bytes",
            description = "The artifact's format id (default: ${DEFAULT-VALUE}; 'model-bundle' for a trained model).")
    private String format;

    @Option(names = "--type", paramLabel = "TYPE", description = "The model type (default: the format id).")
    private String type;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "", description = "Free text.")
    private String description;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A version tag; repeatable.")
    private Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--metric", paramLabel = "NAME=NUMBER", description = "A metric; repeatable.")
    private Map<String, Double> metrics = new LinkedHashMap<>();

    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "Another fact, as text; repeatable.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Point this alias at the new version.")
    private String alias;

    @Override
    boolean createsRegistry() {
        return true;
    }

    @Override
    int run(RegistrySession session, Output out) {
        ModelMetadata.Builder metadata = ModelMetadata.builder(format).description(description).metrics(metrics);
        if (type != null) {
            metadata.modelType(type);
        }
        properties.forEach(metadata::property);
        ModelVersion v;
        try (InputStream in = Files.newInputStream(file)) {
            v = session.versions().register(name, in, metadata.build());
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such file: " + file);
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            v = session.versions().setVersionTag(v.ref(), tag.getKey(), tag.getValue());
        }
        if (alias != null) {
            v = session.versions().setAlias(v.model(), alias, v.version());
        }
        if (json()) {
            out.json(Views.VersionView.of(v));
        } else {
            out.line("registered " + v.ref() + " (" + v.artifact().size() + " bytes, sha256 "
                    + v.artifact().digest().hex() + ")");
        }
        return ExitCodes.OK;
    }
}

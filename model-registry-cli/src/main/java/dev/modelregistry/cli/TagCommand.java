package dev.modelregistry.cli;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tag REF KEY=VALUE...}: sets and removes tags on a version, or with {@code --model} on a model. */
@Command(name = "tag", description = "Set KEY=VALUE tags (and remove --remove KEY tags) on a version, or on a"
        + " model with --model.")
final class TagCommand extends RegistryCommand {
    @Parameters(index = "0", paramLabel = "REF", description = "NAME, NAME/VERSION or NAME@ALIAS; a NAME with --model.")
    private String ref;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Tags to set.")
    private Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--remove", paramLabel = "KEY", description = "A tag to remove; repeatable.")
    private List<String> remove = new ArrayList<>();

    @Option(names = "--model", description = "Tag the model itself rather than a version.")
    private boolean model;

    @Override
    int run(RegistrySession session, Output out) {
        if (set.isEmpty() && remove.isEmpty()) {
            throw new InvalidArgumentException("nothing to do: give KEY=VALUE tags to set or --remove KEY");
        }
        if (model) {
            ModelInfo info = session.versions().model(ref);
            for (Map.Entry<String, String> tag : set.entrySet()) {
                info = session.versions().setModelTag(ref, tag.getKey(), tag.getValue());
            }
            for (String key : remove) {
                info = session.versions().removeModelTag(ref, key);
            }
            if (json()) {
                out.json(Views.ModelView.of(info));
            } else {
                out.line(info.name() + " tags: " + Rows.pairs(info.tags()));
            }
        } else {
            ModelVersion v = session.versions().get(ModelRef.parse(ref));
            for (Map.Entry<String, String> tag : set.entrySet()) {
                v = session.versions().setVersionTag(v.ref(), tag.getKey(), tag.getValue());
            }
            for (String key : remove) {
                v = session.versions().removeVersionTag(v.ref(), key);
            }
            if (json()) {
                out.json(Views.VersionView.of(v));
            } else {
                out.line(v.ref() + " tags: " + Rows.pairs(v.tags()));
            }
        }
        return ExitCodes.OK;
    }
}

// model-registry jshell start-up: imports the API and opens a registry in ./jshell-registry.
import java.nio.file.*;
import java.util.*;
import dev.modelregistry.api.*;
import dev.modelregistry.api.deployment.*;
import dev.modelregistry.api.evaluation.*;
import dev.modelregistry.api.archive.*;
import dev.modelregistry.api.loading.*;
import dev.modelregistry.api.maintenance.*;
import dev.modelregistry.api.monitoring.*;
import dev.modelregistry.api.evaluation.market.*;
import dev.modelregistry.api.storage.*;
import dev.modelregistry.api.training.*;
import dev.modelregistry.api.training.service.*;
import dev.modelregistry.api.version.*;
import dev.modelregistry.core.*;
import dev.modelregistry.core.codec.*;
import dev.modelregistry.core.deployment.*;
import dev.modelregistry.core.evaluation.*;
import dev.modelregistry.core.evaluation.market.*;
import dev.modelregistry.core.training.*;

var registry = ModelRegistry.open(Path.of(System.getProperty("modelregistry.root", "jshell-registry")));
var eu = Datasets.fromCsv(Path.of("model-registry-examples/src/main/resources/data/eu_stock_markets.csv"),
        "DAX", Optional.of("day"), List.of("SMI", "CAC", "FTSE"));
System.out.println("registry = " + registry.root() + " (" + registry.versions().models().size() + " models)");
System.out.println("eu       = " + eu);
System.out.println("trainers = " + registry.training().trainers().stream().map(Trainer::id).toList());
System.out.println("Try: var data = PriceFeatures.nextDayReturns(eu.labels(), eu.times().get());");
System.out.println("     var model = registry.training().train(TrainingRequest.of(\"xgboost\", data));");
System.out.println("     registry.training().register(\"dax-next-day\", model);");

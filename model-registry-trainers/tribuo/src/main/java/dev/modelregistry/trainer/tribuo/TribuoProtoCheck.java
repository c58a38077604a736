package dev.modelregistry.trainer.tribuo;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.oracle.labs.mlrg.olcut.config.protobuf.protos.OlcutProto;
import com.oracle.labs.mlrg.olcut.provenance.primitives.EnumProvenance;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.common.sgd.protos.TribuoCommonSgd;
import org.tribuo.common.tree.protos.TribuoTree;
import org.tribuo.common.xgboost.protos.TribuoXgboost;
import org.tribuo.math.protos.TribuoMath;
import org.tribuo.math.protos.TribuoMathImpl;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.TribuoCore;
import org.tribuo.protos.core.TribuoCoreImpl;
import org.tribuo.regression.protos.TribuoRegressionCore;
import org.tribuo.regression.rtree.protos.TribuoRegressionTree;
import org.tribuo.regression.sgd.protos.TribuoRegressionSgd;

/**
 * Checks every class name inside a Tribuo model file before Tribuo sees it.
 *
 * <p>Tribuo's loader ({@code ProtoUtil.deserialize}) and OLCUT's provenance loader call
 * {@code Class.forName} on names stored in the file, at every level: the model, its feature and
 * output domains, tree nodes, ensemble members and combiners, and provenance. DESIGN §4 forbids
 * loading a class named by a file, so this walks the whole message, unpacking each
 * {@code google.protobuf.Any} against the protobuf types of the Tribuo modules on the class path, and
 * accepts a file only if every model it contains is one of {@link TribuoNativeModel#READABLE_CLASSES}
 * and every other class name is a Tribuo or OLCUT class. A type this module does not know is refused.
 *
 * <p>Thread-safe: stateless after class initialisation.
 */
final class TribuoProtoCheck {
    /** Packages whose classes Tribuo may load while reading a model (its own and its config library's). */
    private static final List<String> TRUSTED_PACKAGES = List.of("org.tribuo.", "com.oracle.labs.mlrg.olcut.");

    /** Deeper than any model this module writes (trees nest one level per node). */
    private static final int MAX_DEPTH = 400;

    private static final String ANY = "google.protobuf.Any";
    private static final String ENUM_PROVENANCE = EnumProvenance.class.getName();

    /**
     * The message types a regression model of this module may contain (each file adds its imports).
     * tribuo-sgd.proto is left out: it repeats tribuo-common-sgd.proto's only type.
     */
    private static final TypeRegistry TYPES = registry(List.of(TribuoCore.getDescriptor(),
            TribuoCoreImpl.getDescriptor(), TribuoMath.getDescriptor(), TribuoMathImpl.getDescriptor(),
            TribuoCommonSgd.getDescriptor(), TribuoRegressionCore.getDescriptor(),
            TribuoRegressionSgd.getDescriptor(), TribuoTree.getDescriptor(), TribuoRegressionTree.getDescriptor(),
            TribuoXgboost.getDescriptor(), OlcutProto.getDescriptor()));

    private static final String MODEL_PROTO = ModelProto.getDescriptor().getFullName();

    private TribuoProtoCheck() {
    }

    private static TypeRegistry registry(List<FileDescriptor> files) {
        TypeRegistry.Builder builder = TypeRegistry.newBuilder();
        for (FileDescriptor file : files) {
            builder.add(file.getMessageTypes());
        }
        return builder.build();
    }

    /**
     * Checks a parsed model file.
     *
     * @param proto the model message
     * @param readable the model classes that may appear (top level and ensemble members)
     * @throws IOException naming the first class name that is not allowed, or an unknown or corrupt part
     */
    static void check(ModelProto proto, Set<String> readable) throws IOException {
        walk(proto, readable, 0);
    }

    private static void walk(Message message, Set<String> readable, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("Tribuo model nests deeper than " + MAX_DEPTH + " levels");
        }
        Descriptor type = message.getDescriptorForType();
        boolean isModel = type.getFullName().equals(MODEL_PROTO);
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            List<?> values = field.isRepeated() ? (List<?>) entry.getValue() : List.of(entry.getValue());
            for (Object value : values) {
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    walk(unpack((Message) value), readable, depth + 1);
                } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING) {
                    String name = field.getName();
                    String text = (String) value;
                    if (isModel && name.equals("class_name")) {
                        if (!readable.contains(text)) {
                            throw new IOException("not a Tribuo regression model: it contains model class '" + text
                                    + "'; readable classes are " + new java.util.TreeSet<>(readable));
                        }
                    } else if (name.endsWith("class_name") || isEnumClass(message, name)) {
                        requireTrusted(text);
                    }
                }
            }
        }
    }

    /** OLCUT stores an enum's class name in the "additional" field of its provenance. */
    private static boolean isEnumClass(Message message, String fieldName) {
        if (!fieldName.equals("additional")) {
            return false;
        }
        FieldDescriptor kind = message.getDescriptorForType().findFieldByName("provenance_class_name");
        return kind != null && ENUM_PROVENANCE.equals(message.getField(kind));
    }

    private static void requireTrusted(String className) throws IOException {
        for (String prefix : TRUSTED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return;
            }
        }
        throw new IOException("refusing Tribuo model: it names class '" + className
                + "', which is outside " + TRUSTED_PACKAGES);
    }

    private static Message unpack(Message message) throws IOException {
        Descriptor type = message.getDescriptorForType();
        if (!type.getFullName().equals(ANY)) {
            return message;
        }
        String url = (String) message.getField(type.findFieldByName("type_url"));
        ByteString bytes = (ByteString) message.getField(type.findFieldByName("value"));
        Descriptor inner;
        try {
            inner = TYPES.getDescriptorForTypeUrl(url);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("refusing Tribuo model: malformed type URL '" + url + "'", e);
        }
        if (inner == null) {
            throw new IOException("refusing Tribuo model: it contains message type '" + url
                    + "', which no Tribuo regression module on the class path defines");
        }
        try {
            return DynamicMessage.parseFrom(inner, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("corrupt Tribuo model part " + url + ": " + e.getMessage(), e);
        }
    }
}

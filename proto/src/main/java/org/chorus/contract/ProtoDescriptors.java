package org.chorus.contract;

import com.google.api.AnnotationsProto;
import com.google.api.ClientProto;
import com.google.api.FieldBehaviorProto;
import com.google.api.ResourceProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors;
import com.google.protobuf.ExtensionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chorus.platform.v1.AccessProto;

/**
 * The proto contract as a program sees it (the gateway, the contract tests): the {@code FileDescriptorSet} that the {@code chorus-proto}
 * jar carries at {@value #RESOURCE}, built into {@link FileDescriptor}s with their imports resolved.
 */
public final class ProtoDescriptors {

    /** Where the {@code chorus-proto} jar keeps its descriptor set (with imports and source info). */
    public static final String RESOURCE = "chorus/chorus-descriptor.binpb";

    private final Map<String, FileDescriptor> files;

    private ProtoDescriptors(Map<String, FileDescriptor> files) {
        this.files = Map.copyOf(files);
    }

    /** Reads the descriptor set from the class path. */
    public static ProtoDescriptors load(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The descriptor set " + RESOURCE + " is not on the class path; is chorus-proto a dependency?");
            }
            return fromSet(FileDescriptorSet.parseFrom(in, extensions()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** The option extensions the gateway and the access matrix read; registered so the options parse as known fields. */
    public static ExtensionRegistry extensions() {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        AnnotationsProto.registerAllExtensions(registry);
        ClientProto.registerAllExtensions(registry);
        FieldBehaviorProto.registerAllExtensions(registry);
        ResourceProto.registerAllExtensions(registry);
        AccessProto.registerAllExtensions(registry);
        return registry;
    }

    /** Builds every file of the set, each after the files it imports. */
    public static ProtoDescriptors fromSet(FileDescriptorSet set) {
        Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
        for (FileDescriptorProto file : set.getFileList()) {
            protos.put(file.getName(), file);
        }
        Map<String, FileDescriptor> built = new HashMap<>();
        for (String name : protos.keySet()) {
            build(name, protos, built, new HashSet<>());
        }
        return new ProtoDescriptors(built);
    }

    private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
                                        Map<String, FileDescriptor> built, Set<String> visiting) {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new IllegalStateException("The descriptor set lacks " + name + "; build it with its imports included");
        }
        if (!visiting.add(name)) {
            throw new IllegalStateException("Import cycle through " + name);
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String dependency : proto.getDependencyList()) {
            dependencies.add(build(dependency, protos, built, visiting));
        }
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
            built.put(name, file);
            return file;
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("The descriptor of " + name + " is not valid: " + e.getMessage(), e);
        }
    }

    /** Every file, in no particular order. */
    public List<FileDescriptor> files() {
        return List.copyOf(files.values());
    }

    /** Every top-level message in a package that starts with {@code packagePrefix}, by full name. */
    public Map<String, Descriptors.Descriptor> messages(String packagePrefix) {
        Map<String, Descriptors.Descriptor> messages = new HashMap<>();
        files.values().stream()
                .filter(file -> file.getPackage().startsWith(packagePrefix))
                .flatMap(file -> file.getMessageTypes().stream())
                .forEach(message -> messages.put(message.getFullName(), message));
        return messages;
    }

    /** Every service in a package that starts with {@code packagePrefix}, ordered by full name. */
    public List<Descriptors.ServiceDescriptor> services(String packagePrefix) {
        return files.values().stream()
                .filter(file -> file.getPackage().startsWith(packagePrefix))
                .flatMap(file -> file.getServices().stream())
                .sorted(java.util.Comparator.comparing(Descriptors.ServiceDescriptor::getFullName))
                .toList();
    }
}

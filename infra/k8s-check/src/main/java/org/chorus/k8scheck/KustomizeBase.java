package org.chorus.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a Kustomize base the way {@code kubectl kustomize} would for the one feature the base uses:
 * a list of resource files, whose objects come out in order, unchanged. Any other field of
 * kustomization.yaml (patches, generators, namespace, labels…) is refused rather than ignored, so the
 * check never passes a base that Kustomize would render differently.
 */
public final class KustomizeBase {

    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KustomizeBase() {
    }

    public static List<Manifest> render(Path base) {
        JsonNode kustomization = readDocuments(base.resolve("kustomization.yaml")).getFirst();
        for (Iterator<String> fields = kustomization.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IllegalArgumentException("kustomization.yaml: '" + field + "' is not supported by this check"
                        + " (only resources); render with kubectl kustomize and extend KustomizeBase first");
            }
        }
        if (!"Kustomization".equals(kustomization.path("kind").asText())
                || !kustomization.path("apiVersion").asText().startsWith("kustomize.config.k8s.io/")) {
            throw new IllegalArgumentException("kustomization.yaml: expected kind Kustomization of kustomize.config.k8s.io");
        }
        List<Manifest> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = base.resolve(resource.asText()).normalize();
            if (!file.startsWith(base.normalize()) || !Files.isRegularFile(file)) {
                throw new IllegalArgumentException("kustomization.yaml: resource " + resource.asText()
                        + " is not a file inside the base (directories and remote bases are not supported)");
            }
            objects.addAll(read(base.relativize(file).toString(), file));
        }
        return objects;
    }

    /** Every non-empty YAML document of a file, as a manifest named {@code file#n}. */
    public static List<Manifest> read(String name, Path file) {
        List<Manifest> manifests = new ArrayList<>();
        int n = 0;
        for (JsonNode document : readDocuments(file)) {
            n++;
            manifests.add(new Manifest(name + "#" + n, document));
        }
        return manifests;
    }

    private static List<JsonNode> readDocuments(Path file) {
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document != null && document.getNodeType() != JsonNodeType.NULL && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}

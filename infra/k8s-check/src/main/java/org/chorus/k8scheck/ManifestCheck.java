package org.chorus.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the objects of a rendered base, one by one and against each other:
 * <ul>
 *   <li>apiVersion, kind, metadata.name and (for namespaced kinds) metadata.namespace are there;</li>
 *   <li>a built-in kind reads strictly as the Kubernetes API model ({@link KubernetesModel}); a custom
 *       resource as far as {@link CustomResources} can tell; any other kind is refused;</li>
 *   <li>the fields the API requires are there ({@link #REQUIRED}), among them every container's image;</li>
 *   <li>references resolve: selectors select a Deployment's pods, named ports exist, autoscalers point at
 *       Deployments whose containers request CPU, ConfigMaps exist in the base, and every Secret key
 *       referenced is one the example Secrets define (so the example documents all a cluster must hold).</li>
 * </ul>
 */
public final class ManifestCheck {

    public record Problem(String object, String message) {
        @Override
        public String toString() {
            return object + ": " + message;
        }
    }

    public record Result(int objects, List<Problem> problems) {
        public int invalidObjects() {
            return (int) problems.stream().map(Problem::object).distinct().count();
        }

        /** The line CI looks for. */
        public String summary() {
            return "k8s-check: objects=" + objects + " invalid=" + invalidObjects();
        }
    }

    /** Fields the Kubernetes API requires (and the image, which the base must always name), by kind. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            "Deployment", List.of("spec.selector", "spec.template.metadata.labels", "spec.template.spec.containers",
                    "spec.template.spec.containers[].name", "spec.template.spec.containers[].image",
                    "spec.template.spec.containers[].ports[].containerPort", "spec.template.spec.containers[].env[].name"),
            "Service", List.of("spec.ports", "spec.ports[].port"),
            "PodDisruptionBudget", List.of("spec.selector"),
            "HorizontalPodAutoscaler", List.of("spec.scaleTargetRef.kind", "spec.scaleTargetRef.name", "spec.maxReplicas"),
            "NetworkPolicy", List.of("spec.podSelector"),
            "Job", List.of("spec.template.spec.containers", "spec.template.spec.containers[].name",
                    "spec.template.spec.containers[].image"),
            "CronJob", List.of("spec.schedule", "spec.jobTemplate.spec.template.spec.containers",
                    "spec.jobTemplate.spec.template.spec.containers[].name", "spec.jobTemplate.spec.template.spec.containers[].image"));

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private ManifestCheck() {
    }

    /**
     * @param objects        the rendered base
     * @param exampleSecrets the Secrets a cluster must hold, as the example manifest shows them (name to keys)
     */
    public static Result check(List<Manifest> objects, Map<String, Set<String>> exampleSecrets) {
        List<Problem> problems = new ArrayList<>();
        for (Manifest object : objects) {
            checkOne(object, problems);
        }
        checkReferences(objects, exampleSecrets, problems);
        return new Result(objects.size(), problems);
    }

    /** The Secrets of an example manifest: each one's name and the keys of its data and stringData. */
    public static Map<String, Set<String>> secretsIn(List<Manifest> examples) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (Manifest example : examples) {
            if ("Secret".equals(example.kind())) {
                Set<String> keys = secrets.computeIfAbsent(example.name(), name -> new LinkedHashSet<>());
                example.tree().path("data").fieldNames().forEachRemaining(keys::add);
                example.tree().path("stringData").fieldNames().forEachRemaining(keys::add);
            }
        }
        return secrets;
    }

    private static void checkOne(Manifest object, List<Problem> problems) {
        String label = object.label();
        JsonNode tree = object.tree();
        for (String path : List.of("apiVersion", "kind", "metadata.name")) {
            requireAt(tree, path, label, problems);
        }
        if (object.apiVersion().isEmpty() || object.kind().isEmpty()) {
            return;
        }
        if (!CLUSTER_SCOPED.contains(object.kind())) {
            requireAt(tree, "metadata.namespace", label, problems);
        }
        Optional<Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>> builtIn =
                KubernetesModel.builtIn(object.apiVersion(), object.kind());
        Optional<CustomResources.Kind> custom = CustomResources.of(object.apiVersion(), object.kind());
        if (builtIn.isPresent()) {
            try {
                KubernetesModel.read(tree, builtIn.get());
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(label, "not a valid " + object.kind() + ": " + firstLine(e)));
            }
            REQUIRED.getOrDefault(object.kind(), List.of()).forEach(path -> requireAt(tree, path, label, problems));
        } else if (custom.isPresent()) {
            checkCustom(tree, custom.get(), label, problems);
        } else {
            problems.add(new Problem(label, "unknown kind " + object.apiVersion() + "/" + object.kind()
                    + " (neither a built-in kind this check knows nor a known operator's resource)"));
        }
    }

    private static void checkCustom(JsonNode tree, CustomResources.Kind kind, String label, List<Problem> problems) {
        for (Iterator<String> fields = tree.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(field)) {
                problems.add(new Problem(label, "unknown field '" + field + "'"));
            }
        }
        try {
            KubernetesModel.metadata(tree.path("metadata"));
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(label, "invalid metadata: " + firstLine(e)));
        }
        for (Iterator<String> fields = tree.path("spec").fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!kind.specFields().contains(field)) {
                problems.add(new Problem(label, "unknown field 'spec." + field + "' (" + kind.operator() + "'s CRD has none)"));
            }
        }
        kind.required().forEach(path -> requireAt(tree, path, label, problems));
    }

    private static void checkReferences(List<Manifest> objects, Map<String, Set<String>> exampleSecrets,
                                        List<Problem> problems) {
        Map<String, Manifest> deployments = new LinkedHashMap<>();
        Set<String> configMaps = new LinkedHashSet<>();
        for (Manifest object : objects) {
            switch (object.kind()) {
                case "Deployment" -> deployments.put(object.name(), object);
                case "ConfigMap" -> configMaps.add(object.name());
                default -> { }
            }
        }
        for (Manifest object : objects) {
            String label = object.label();
            JsonNode spec = object.tree().path("spec");
            switch (object.kind()) {
                case "Deployment" -> checkPods(object, configMaps, exampleSecrets, problems);
                case "Service" -> {
                    Optional<Manifest> target = selected(deployments.values(), spec.path("selector"));
                    if (target.isEmpty()) {
                        problems.add(new Problem(label, "its selector selects no Deployment's pods"));
                    } else {
                        Set<String> ports = containerPortNames(target.get());
                        for (JsonNode port : spec.path("ports")) {
                            JsonNode targetPort = port.path("targetPort");
                            if (targetPort.isTextual() && !ports.contains(targetPort.asText())) {
                                problems.add(new Problem(label, "targetPort " + targetPort.asText()
                                        + " is no container port of Deployment/" + target.get().name()));
                            }
                        }
                    }
                }
                case "PodDisruptionBudget" -> {
                    if (selected(deployments.values(), spec.path("selector").path("matchLabels")).isEmpty()) {
                        problems.add(new Problem(label, "its selector selects no Deployment's pods"));
                    }
                    if (!spec.has("minAvailable") && !spec.has("maxUnavailable")) {
                        problems.add(new Problem(label, "sets neither minAvailable nor maxUnavailable"));
                    }
                }
                case "HorizontalPodAutoscaler" -> {
                    Manifest target = deployments.get(spec.path("scaleTargetRef").path("name").asText());
                    if (!"Deployment".equals(spec.path("scaleTargetRef").path("kind").asText()) || target == null) {
                        problems.add(new Problem(label, "scaleTargetRef names no Deployment of the base"));
                    } else {
                        for (JsonNode container : target.tree().path("spec").path("template").path("spec").path("containers")) {
                            if (container.path("resources").path("requests").path("cpu").isMissingNode()) {
                                problems.add(new Problem(label, "scales on CPU, but container " + container.path("name").asText()
                                        + " of Deployment/" + target.name() + " requests no CPU"));
                            }
                        }
                    }
                }
                case "NetworkPolicy" -> {
                    JsonNode labels = spec.path("podSelector").path("matchLabels");
                    if (labels.has("app.kubernetes.io/name") && labels.has("app.kubernetes.io/part-of")
                            && selected(deployments.values(), labels).isEmpty()) {
                        problems.add(new Problem(label, "its podSelector selects no Deployment's pods"));
                    }
                }
                default -> { }
            }
            for (SecretReference reference : SecretReference.in(object)) {
                Set<String> keys = exampleSecrets.get(reference.name());
                if (keys == null) {
                    problems.add(new Problem(label, "refers to Secret " + reference.name()
                            + ", which the example Secrets do not show"));
                } else {
                    for (String key : reference.keys()) {
                        if (!keys.contains(key)) {
                            problems.add(new Problem(label, "refers to key " + key + " of Secret " + reference.name()
                                    + ", which the example Secret does not have"));
                        }
                    }
                }
            }
        }
    }

    private static void checkPods(Manifest deployment, Set<String> configMaps, Map<String, Set<String>> exampleSecrets,
                                  List<Problem> problems) {
        String label = deployment.label();
        JsonNode spec = deployment.tree().path("spec");
        JsonNode templateLabels = spec.path("template").path("metadata").path("labels");
        spec.path("selector").path("matchLabels").fields().forEachRemaining(entry -> {
            if (!entry.getValue().equals(templateLabels.path(entry.getKey()))) {
                problems.add(new Problem(label, "selector label " + entry.getKey() + " is not on the pod template"));
            }
        });
        Set<String> portNames = containerPortNames(deployment);
        for (JsonNode container : spec.path("template").path("spec").path("containers")) {
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode port = container.path(probe).path("httpGet").path("port");
                if (port.isTextual() && !portNames.contains(port.asText())) {
                    problems.add(new Problem(label, probe + " uses port " + port.asText() + ", which the container does not name"));
                }
            }
            for (JsonNode source : container.path("envFrom")) {
                String name = source.path("configMapRef").path("name").asText(null);
                if (name != null && !configMaps.contains(name)) {
                    problems.add(new Problem(label, "envFrom names ConfigMap " + name + ", which the base does not have"));
                }
            }
            for (JsonNode env : container.path("env")) {
                String name = env.path("valueFrom").path("configMapKeyRef").path("name").asText(null);
                if (name != null && !configMaps.contains(name)) {
                    problems.add(new Problem(label, "env " + env.path("name").asText() + " names ConfigMap " + name
                            + ", which the base does not have"));
                }
            }
        }
    }

    private static Set<String> containerPortNames(Manifest deployment) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode container : deployment.tree().path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode port : container.path("ports")) {
                if (port.has("name")) {
                    names.add(port.path("name").asText());
                }
            }
        }
        return names;
    }

    /** The first Deployment whose pod template carries every label of {@code selector}, if the selector is not empty. */
    private static Optional<Manifest> selected(Iterable<Manifest> deployments, JsonNode selector) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return Optional.empty();
        }
        for (Manifest deployment : deployments) {
            JsonNode labels = deployment.tree().path("spec").path("template").path("metadata").path("labels");
            boolean all = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                all &= entry.getValue().equals(labels.path(entry.getKey()));
            }
            if (all) {
                return Optional.of(deployment);
            }
        }
        return Optional.empty();
    }

    /** Requires a non-empty value at a dotted path; {@code []} means every element of a list. */
    static void requireAt(JsonNode tree, String path, String label, List<Problem> problems) {
        requireAt(tree, path.split("\\."), 0, "", label, problems);
    }

    private static void requireAt(JsonNode node, String[] steps, int step, String where, String label,
                                  List<Problem> problems) {
        if (step == steps.length) {
            boolean empty = node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())
                    || (node.isArray() && node.isEmpty());
            if (empty) {
                problems.add(new Problem(label, "missing required field " + where));
            }
            return;
        }
        String name = steps[step];
        boolean each = name.endsWith("[]");
        String field = each ? name.substring(0, name.length() - 2) : name;
        String here = where.isEmpty() ? field : where + "." + field;
        JsonNode child = node.path(field);
        if (!each) {
            requireAt(child, steps, step + 1, here, label, problems);
            return;
        }
        if (step + 1 == steps.length) {
            requireAt(child, steps, step + 1, here, label, problems);
            return;
        }
        int i = 0;
        for (JsonNode element : child) {
            requireAt(element, steps, step + 1, here + "[" + i++ + "]", label, problems);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        // Jackson adds the reference chain (the path) at the end of its message.
        int path = message.lastIndexOf("(through reference chain: ");
        return path < 0 ? first : first + " " + message.substring(path).replace("\n", " ");
    }
}

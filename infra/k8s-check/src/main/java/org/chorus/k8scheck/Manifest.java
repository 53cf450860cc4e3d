package org.chorus.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;

/** One object of a rendered base: where it came from (file and document number) and its tree. */
public record Manifest(String source, JsonNode tree) {

    public String apiVersion() {
        return tree.path("apiVersion").asText("");
    }

    public String kind() {
        return tree.path("kind").asText("");
    }

    public String name() {
        return tree.path("metadata").path("name").asText("");
    }

    /** How a problem names the object: {@code Deployment/gateway (gateway.yaml#1)}. */
    public String label() {
        return (kind().isEmpty() ? "?" : kind()) + "/" + (name().isEmpty() ? "?" : name()) + " (" + source + ")";
    }
}

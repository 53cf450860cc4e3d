package org.chorus.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A Secret an object needs, and the keys it reads from it (none named: the whole Secret). */
record SecretReference(String name, List<String> keys) {

    static List<SecretReference> in(Manifest object) {
        List<SecretReference> references = new ArrayList<>();
        walk(object.tree(), references);
        JsonNode spec = object.tree().path("spec");
        switch (object.apiVersion() + "/" + object.kind()) {
            case "postgresql.cnpg.io/v1/Cluster" -> {
                // CloudNativePG reads basic-auth Secrets: username and password.
                add(references, spec.path("bootstrap").path("initdb").path("secret").path("name"), "username", "password");
                add(references, spec.path("superuserSecret").path("name"), "username", "password");
                for (JsonNode role : spec.path("managed").path("roles")) {
                    add(references, role.path("passwordSecret").path("name"), "username", "password");
                }
            }
            case "k8s.keycloak.org/v2alpha1/Keycloak" -> {
                keyed(references, spec.path("db").path("usernameSecret"));
                keyed(references, spec.path("db").path("passwordSecret"));
                add(references, spec.path("bootstrapAdmin").path("user").path("secret"), "username", "password");
                add(references, spec.path("http").path("tlsSecret"), "tls.crt", "tls.key");
            }
            case "k8s.keycloak.org/v2alpha1/KeycloakRealmImport" ->
                    spec.path("placeholders").forEach(placeholder -> keyed(references, placeholder.path("secret")));
            default -> { }
        }
        return references;
    }

    /** The built-in shapes, wherever they are: env secretKeyRef, envFrom secretRef, secret volumes. */
    private static void walk(JsonNode node, List<SecretReference> references) {
        if (node.isObject()) {
            keyed(references, node.path("secretKeyRef"));
            add(references, node.path("secretRef").path("name"));
            add(references, node.path("secret").path("secretName"));
            node.elements().forEachRemaining(child -> walk(child, references));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> walk(child, references));
        }
    }

    private static void keyed(List<SecretReference> references, JsonNode selector) {
        if (selector.path("name").isTextual()) {
            references.add(new SecretReference(selector.path("name").asText(),
                    selector.path("key").isTextual() ? List.of(selector.path("key").asText()) : List.of()));
        }
    }

    private static void add(List<SecretReference> references, JsonNode name, String... keys) {
        if (name.isTextual()) {
            references.add(new SecretReference(name.asText(), List.of(keys)));
        }
    }
}

package org.chorus.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings the realm of a running Keycloak in line with a realm file, through Keycloak's admin API. Keycloak imports a
 * realm file only into an empty database; this carries a later change of the file to an installation that has data.
 * <ul>
 *   <li>No realm of that name: the whole file is imported.</li>
 *   <li>The realm's settings (the file's plain values: token lifespans, brute-force protection, password policy…) are
 *       set as the file says.</li>
 *   <li>Client scopes and clients the file names are set as it says, their protocol mappers too (one the file does not
 *       name is removed from them), and so are their default and optional client scopes and the realm's.</li>
 *   <li>Roles, groups, users, clients and organisations the file has and the realm does not are added. Ones the realm
 *       has already are left as they are (a person's password, who is in a group, what roles they hold, an
 *       organisation's members), and nothing the file does not name is removed: people, clients and organisations made
 *       since the import are the installation's own.</li>
 * </ul>
 * Placeholders in the file are filled as Keycloak's import fills them: {@code ${NAME}} and {@code ${NAME:default}}, for
 * an environment variable {@code NAME} in capitals (one that is not set stops everything, before any change); others
 * (Keycloak's message keys such as {@code ${profileScopeConsentText}}) stay as they are. Applying the same file twice
 * changes nothing the second time.
 * Signs in to the {@code master} realm with {@code admin-cli}, as an administrator.
 */
public final class RealmChanges {

    /** The realm's own parts: set apart from its settings, each handled on its own (or, for keys, never touched). */
    private static final Set<String> PARTS = Set.of("id", "roles", "groups", "clientScopes", "clients", "users", "organizations",
            "identityProviders", "identityProviderMappers", "components", "authenticationFlows", "authenticatorConfig",
            "requiredActions", "defaultDefaultClientScopes", "defaultOptionalClientScopes", "scopeMappings", "clientScopeMappings",
            "defaultRole", "federatedUsers", "userFederationProviders", "userFederationMappers");
    /** A client's or client scope's parts handled on their own. */
    private static final Set<String> OWN_PARTS = Set.of("id", "protocolMappers", "defaultClientScopes", "optionalClientScopes");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakAdmin admin;
    private final String realm;
    private final List<String> changes = new ArrayList<>();

    private RealmChanges(KeycloakAdmin admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    /**
     * Applies {@code realmFile} (a realm export, as Keycloak imports it) to the Keycloak at {@code baseUrl}.
     *
     * @param environment where placeholders are looked up (the process's environment, as for Keycloak's import)
     * @return what changed, one short line each, empty when the realm was as the file says
     * @throws IllegalStateException saying what Keycloak refused
     */
    public static List<String> apply(String baseUrl, String adminUsername, String adminPassword, String realmFile,
                                     Map<String, String> environment) {
        ObjectNode wanted = (ObjectNode) JSON.readTree(filled(realmFile, environment));
        String realm = wanted.path("realm").asString("");
        if (realm.isBlank()) {
            throw new IllegalArgumentException("The realm file names no realm (its \"realm\" field)");
        }
        RealmChanges changes = new RealmChanges(KeycloakAdmin.signIn(baseUrl, realm, adminUsername, adminPassword), realm);
        changes.apply(wanted);
        return List.copyOf(changes.changes);
    }

    /**
     * The file with each {@code ${NAME}} or {@code ${NAME:default}} filled from {@code environment}.
     *
     * @throws IllegalArgumentException naming each variable the file needs and {@code environment} has not got: a
     *                                  secret or an address left as a placeholder would be written into the realm as it is
     */
    static String filled(String realmFile, Map<String, String> environment) {
        Matcher placeholder = PLACEHOLDER.matcher(realmFile);
        StringBuilder filled = new StringBuilder();
        Set<String> unset = new TreeSet<>();
        while (placeholder.find()) {
            String value = environment.getOrDefault(placeholder.group(1), placeholder.group(2));
            if (value == null) {
                unset.add(placeholder.group(1));
                continue;
            }
            String text = JSON.writeValueAsString(value);
            // Inside a JSON string already: the value's own quotes go.
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(text.substring(1, text.length() - 1)));
        }
        if (!unset.isEmpty()) {
            throw new IllegalArgumentException("The realm file takes " + String.join(", ", unset)
                    + " from the environment: set " + (unset.size() == 1 ? "it" : "them") + " first (see .env.example)");
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    private void apply(ObjectNode wanted) {
        Optional<JsonNode> found = admin.realm();
        if (found.isEmpty()) {
            admin.createRealm(wanted);
            changes.add("realm " + realm + " created");
            return;
        }
        ObjectNode settings = wanted.deepCopy();
        settings.remove(PARTS);
        if (differs(settings, found.get())) {
            admin.call("PUT", "", settings, "change the realm's settings");
            changes.add("realm settings");
        }
        clientScopes(wanted.path("clientScopes"));
        // Read once, with the scopes just added: every default and optional scope is named by one of them.
        Map<String, JsonNode> scopes = byField(get("/client-scopes", "read the client scopes"), "name");
        defaultScopes(wanted.path("defaultDefaultClientScopes"), scopes, "/default-default-client-scopes", "the realm's default client scopes");
        defaultScopes(wanted.path("defaultOptionalClientScopes"), scopes, "/default-optional-client-scopes", "the realm's optional client scopes");
        addMissing(wanted);
        clients(wanted.path("clients"), scopes);
        organizations(wanted.path("organizations"));
    }

    private void clientScopes(JsonNode wanted) {
        Map<String, JsonNode> existing = byField(get("/client-scopes", "read the client scopes"), "name");
        for (JsonNode scope : wanted) {
            String name = scope.path("name").asString();
            JsonNode now = existing.get(name);
            if (now == null) {
                ObjectNode created = ((ObjectNode) scope).deepCopy();
                created.remove("id");
                admin.call("POST", "/client-scopes", created, "add the client scope " + name);
                changes.add("client scope " + name + " added");
                continue;
            }
            setAsTheFileSays(scope, now, "/client-scopes/", "client scope " + name);
        }
    }

    /** Roles, groups, users and clients the realm has not got yet, in one partial import that skips the ones it has. */
    private void addMissing(ObjectNode wanted) {
        ObjectNode missing = JSON.createObjectNode();
        missing.put("ifResourceExists", "SKIP");
        for (String part : List.of("roles", "groups", "users", "clients", "identityProviders")) {
            if (wanted.has(part)) {
                missing.set(part, wanted.get(part));
            }
        }
        JsonNode result = admin.call("POST", "/partialImport", missing, "add what the realm has not got");
        for (JsonNode added : result.path("results")) {
            if ("ADDED".equals(added.path("action").asString())) {
                changes.add(added.path("resourceType").asString().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                        + added.path("resourceName").asString() + " added");
            }
        }
    }

    private void clients(JsonNode wanted, Map<String, JsonNode> scopes) {
        for (JsonNode client : wanted) {
            String clientId = client.path("clientId").asString();
            JsonNode found = get("/clients?clientId=" + KeycloakAdmin.encode(clientId), "find the client " + clientId);
            if (found.size() != 1) {
                throw new IllegalStateException("Keycloak has " + found.size() + " clients " + clientId + " after adding the missing ones");
            }
            String at = setAsTheFileSays(client, found.get(0), "/clients/", "client " + clientId);
            defaultScopes(client.path("defaultClientScopes"), scopes, at + "/default-client-scopes", "client " + clientId + "'s default scopes");
            defaultScopes(client.path("optionalClientScopes"), scopes, at + "/optional-client-scopes", "client " + clientId + "'s optional scopes");
        }
    }

    /**
     * Sets a client or client scope that exists ({@code now}, under {@code collection}) and its protocol mappers as
     * {@code wanted} says them; its default and optional scopes are set apart.
     *
     * @return its path
     */
    private String setAsTheFileSays(JsonNode wanted, JsonNode now, String collection, String what) {
        String at = collection + now.path("id").asString();
        ObjectNode changed = withoutOwnParts(wanted);
        if (differs(changed, now)) {
            changed.put("id", now.path("id").asString());
            admin.call("PUT", at, changed, "change the " + what);
            changes.add(what);
        }
        mappers(wanted, at, what);
        return at;
    }

    /** Organisations the realm has not got yet, by name (their members and domains are the installation's own after that). */
    private void organizations(JsonNode wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> existing = byField(get("/organizations?briefRepresentation=true&max=10000", "read the organisations"), "name").keySet();
        for (JsonNode organization : wanted) {
            String name = organization.path("name").asString();
            if (!existing.contains(name)) {
                ObjectNode created = ((ObjectNode) organization).deepCopy();
                created.remove(List.of("id", "members", "identityProviders"));
                admin.call("POST", "/organizations", created, "add the organisation " + name);
                changes.add("organisation " + name + " added");
            }
        }
    }

    /** The protocol mappers of a client or client scope as {@code owner} lists them, when it lists them. */
    private void mappers(JsonNode owner, String at, String what) {
        if (!owner.has("protocolMappers")) {
            return;
        }
        String models = at + "/protocol-mappers/models";
        Map<String, JsonNode> existing = byField(get(models, "read the mappers of " + what), "name");
        for (JsonNode mapper : owner.path("protocolMappers")) {
            String name = mapper.path("name").asString();
            JsonNode now = existing.remove(name);
            ObjectNode changed = ((ObjectNode) mapper).deepCopy();
            changed.remove("id");
            if (now == null) {
                admin.call("POST", models, changed, "add the mapper " + name + " to " + what);
                changes.add(what + ": mapper " + name + " added");
            } else if (differs(changed, now)) {
                changed.put("id", now.path("id").asString());
                admin.call("PUT", models + "/" + now.path("id").asString(), changed, "change the mapper " + name + " of " + what);
                changes.add(what + ": mapper " + name);
            }
        }
        for (JsonNode extra : existing.values()) {
            admin.call("DELETE", models + "/" + extra.path("id").asString(), null, "remove a mapper from " + what);
            changes.add(what + ": mapper " + extra.path("name").asString() + " removed");
        }
    }

    /** Which client scopes are default (or optional) at {@code at}, by name, when the file lists them. */
    private void defaultScopes(JsonNode wanted, Map<String, JsonNode> scopes, String at, String what) {
        if (wanted.isMissingNode()) {
            return;
        }
        Map<String, JsonNode> existing = byField(get(at, "read " + what), "name");
        for (JsonNode name : wanted) {
            JsonNode scope = scopes.get(name.asString());
            if (scope == null) {
                throw new IllegalStateException("The realm file names a client scope " + name.asString() + " in " + what
                        + " that neither the file nor the realm has");
            }
            if (existing.remove(name.asString()) == null) {
                admin.call("PUT", at + "/" + scope.path("id").asString(), null, "add " + name.asString() + " to " + what);
                changes.add(what + ": " + name.asString() + " added");
            }
        }
        for (JsonNode extra : existing.values()) {
            admin.call("DELETE", at + "/" + extra.path("id").asString(), null, "remove a scope from " + what);
            changes.add(what + ": " + extra.path("name").asString() + " removed");
        }
    }

    /**
     * Whether {@code now} differs from what {@code wanted} says: every field {@code wanted} has, with the same value
     * (objects compared by the fields {@code wanted} gives, lists of plain values as sets). Fields Keycloak adds with
     * its defaults are not differences.
     */
    static boolean differs(JsonNode wanted, JsonNode now) {
        if (wanted.isObject()) {
            if (!now.isObject()) {
                return true;
            }
            for (Map.Entry<String, JsonNode> field : wanted.properties()) {
                if (!now.has(field.getKey()) ? !field.getValue().isNull() : differs(field.getValue(), now.get(field.getKey()))) {
                    return true;
                }
            }
            return false;
        }
        if (wanted.isArray()) {
            if (!now.isArray() || now.size() != wanted.size()) {
                return true;
            }
            if (wanted.valueStream().allMatch(JsonNode::isValueNode)) {
                return !new HashSet<>(wanted.valueStream().toList()).equals(new HashSet<>(now.valueStream().toList()));
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (differs(wanted.get(i), now.get(i))) {
                    return true;
                }
            }
            return false;
        }
        // Keycloak keeps attributes as strings: "true" and true, "300" and 300 are the same setting.
        return !wanted.asString().equals(now.asString());
    }

    private static ObjectNode withoutOwnParts(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(OWN_PARTS);
        return copy;
    }

    private static Map<String, JsonNode> byField(JsonNode list, String field) {
        Map<String, JsonNode> by = new HashMap<>();
        list.forEach(item -> by.put(item.path(field).asString(), item));
        return by;
    }

    private JsonNode get(String path, String what) {
        return admin.call("GET", path, null, what);
    }
}

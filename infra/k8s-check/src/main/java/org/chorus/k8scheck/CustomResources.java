package org.chorus.k8scheck;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operators' custom resources the base uses. No Maven artifact carries CloudNativePG's or the
 * Keycloak Operator's OpenAPI schemas, so these are checked only this far: the kind is one we know,
 * metadata is strict Kubernetes metadata, the top-level fields under spec are ones the operator's
 * CRD declares (read from the CRDs: CloudNativePG as of August 2026, postgresql.cnpg.io/v1; Keycloak Operator
 * 26.x, v2alpha1), and the fields those CRDs mark required are there. Deeper fields are NOT checked.
 */
final class CustomResources {

    record Kind(String operator, Set<String> specFields, List<String> required) {
    }

    static final Map<String, Kind> KNOWN = Map.of(
            "postgresql.cnpg.io/v1/Cluster", new Kind("CloudNativePG", Set.of(
                    "affinity", "backup", "bootstrap", "certificates", "description", "enablePDB",
                    "enableSuperuserAccess", "env", "envFrom", "ephemeralVolumeSource", "ephemeralVolumesSizeLimit",
                    "externalClusters", "failoverDelay", "imageCatalogRef", "imageName", "imagePullPolicy",
                    "imagePullSecrets", "inheritedMetadata", "instances", "livenessProbeTimeout", "logLevel", "managed",
                    "maxSyncReplicas", "minSyncReplicas", "monitoring", "nodeMaintenanceWindow", "plugins",
                    "podSecurityContext", "podSelectorRefs", "postgresGID", "postgresUID", "postgresql", "primaryLease",
                    "primaryUpdateMethod", "primaryUpdateStrategy", "priorityClassName", "probes",
                    "projectedVolumeTemplate", "replica", "replicationSlots", "resources", "schedulerName",
                    "seccompProfile", "securityContext", "serviceAccountName", "serviceAccountTemplate",
                    "smartShutdownTimeout", "startDelay", "stopDelay", "storage", "superuserSecret", "switchoverDelay",
                    "tablespaces", "topologySpreadConstraints", "walStorage"),
                    List.of("spec.instances")),
            "postgresql.cnpg.io/v1/Database", new Kind("CloudNativePG", Set.of(
                    "allowConnections", "builtinLocale", "cluster", "collationVersion", "connectionLimit",
                    "databaseReclaimPolicy", "encoding", "ensure", "extensions", "fdws", "icuLocale", "icuRules",
                    "isTemplate", "locale", "localeCType", "localeCollate", "localeProvider", "name", "owner", "schemas",
                    "servers", "tablespace", "template"),
                    List.of("spec.cluster.name", "spec.name", "spec.owner")),
            "k8s.keycloak.org/v2alpha1/Keycloak", new Kind("Keycloak Operator", Set.of(
                    "additionalOptions", "bootstrapAdmin", "cache", "db", "features", "hostname", "http",
                    "httpManagement", "image", "imagePullSecrets", "ingress", "instances", "proxy", "resources",
                    "scheduling", "startOptimized", "transaction", "truststores", "unsupported"),
                    List.of()),
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", new Kind("Keycloak Operator", Set.of(
                    "keycloakCRName", "placeholders", "realm", "resources"),
                    List.of("spec.keycloakCRName", "spec.realm")));

    private CustomResources() {
    }

    static Optional<Kind> of(String apiVersion, String kind) {
        return Optional.ofNullable(KNOWN.get(apiVersion + "/" + kind));
    }
}

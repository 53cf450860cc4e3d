package org.chorus.membership.grant;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chorus.identity.Role;
import org.chorus.membership.keycloak.KeycloakAdmin;
import org.chorus.membership.keycloak.KeycloakWaitingAccounts;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.stereotype.Component;

/**
 * Mirrors grants as Keycloak groups {@code /commissions/{commission}/{role}}, through the admin API.
 * A commission's groups are made on first use. Group ids are remembered; a group removed by hand
 * is found missing on the next join, forgotten, and made again by the retry.
 */
@Component
class KeycloakRoleGrantMirror implements RoleGrantMirror {

    private final KeycloakAdmin keycloak;
    private final KeycloakWaitingAccounts waitingAccounts;
    private final Map<String, String> groupIds = new ConcurrentHashMap<>();

    KeycloakRoleGrantMirror(KeycloakAdmin keycloak, KeycloakWaitingAccounts waitingAccounts) {
        this.keycloak = keycloak;
        this.waitingAccounts = waitingAccounts;
    }

    @Override
    public String subjectOf(String person) {
        try {
            return keycloak.call(() -> switch (NewRoleGrant.kindOf(person)) {
                case SUBJECT -> keycloak.realm().users().get(person).toRepresentation().getId();
                case USERNAME -> only(keycloak.realm().users().searchByUsername(person, true), person);
                case EMAIL -> waitingAccounts.accountFor(person);
            });
        } catch (UnknownPerson unknown) {
            throw unknown;
        } catch (NotFoundException gone) {
            throw new UnknownPerson(person);
        } catch (RuntimeException failure) {
            throw new MirrorUnavailable(failure.getMessage(), failure);
        }
    }

    @Override
    public void setMember(String subject, String commission, Role role, boolean member) {
        String path = RoleGrant.groupPath(commission, role);
        try {
            keycloak.call(() -> {
                String group = groupIds.computeIfAbsent(path, this::ensureGroup);
                try {
                    if (member) {
                        keycloak.realm().users().get(subject).joinGroup(group);
                    } else {
                        keycloak.realm().users().get(subject).leaveGroup(group);
                    }
                } catch (NotFoundException groupOrUserGone) {
                    groupIds.remove(path);
                    throw groupOrUserGone;
                }
                return null;
            });
        } catch (RuntimeException failure) {
            throw new MirrorUnavailable("Could not " + (member ? "add a person to " : "take a person out of ") + path
                    + ": " + failure.getMessage(), failure);
        }
    }

    private static String only(List<UserRepresentation> found, String person) {
        if (found.isEmpty()) {
            throw new UnknownPerson(person);
        }
        return found.getFirst().getId();
    }

    /** The id of the group at {@code path}, making it and any missing parent first. */
    private String ensureGroup(String path) {
        String[] names = path.substring(1).split("/");
        String parent = null;
        StringBuilder at = new StringBuilder();
        for (String name : names) {
            at.append('/').append(name);
            parent = existingOrNew(at.toString(), name, parent);
        }
        return parent;
    }

    private String existingOrNew(String path, String name, String parentId) {
        try {
            return keycloak.realm().getGroupByPath(path).getId();
        } catch (NotFoundException missing) {
            GroupRepresentation group = new GroupRepresentation();
            group.setName(name);
            try (Response created = parentId == null
                    ? keycloak.realm().groups().add(group)
                    : keycloak.realm().groups().group(parentId).subGroup(group)) {
                if (created.getStatus() == 201) {
                    return CreatedResponseUtil.getCreatedId(created);
                }
            }
            // Someone else made it meanwhile (409), or it is there after all.
            return keycloak.realm().getGroupByPath(path).getId();
        }
    }
}

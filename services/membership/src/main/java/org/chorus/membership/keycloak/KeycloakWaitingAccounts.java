package org.chorus.membership.keycloak;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.UserProfileResource;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.springframework.stereotype.Component;

/**
 * Accounts waiting for a person named by email who has not signed in yet (a role granted before
 * their first sign-in). Each is marked {@value #WAITING_AT} = the email's domain, an attribute only
 * administrators can see or change. An organisation's first-sign-in flow links its person to an
 * existing account only when that mark names one of the organisation's own domains; every other
 * account (anyone who signs in with a password, a coordinator, another organisation's people) can
 * never be claimed through an organisation's identity provider.
 */
@Component
public class KeycloakWaitingAccounts {

    /** The user attribute that marks an account made to wait for a person at this email domain. */
    public static final String WAITING_AT = "chorus-waiting-at";

    private final KeycloakAdmin keycloak;
    private volatile boolean attributesKept;

    KeycloakWaitingAccounts(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * The id of the account for {@code email}: the existing one, or a new account waiting for the
     * person: the email as username, verified (their organisation's provider vouches for it), no
     * password, and placeholder names until their organisation's sign-in brings the real ones.
     */
    public String accountFor(String email) {
        List<UserRepresentation> found = keycloak.realm().users().searchByEmail(email, true);
        if (!found.isEmpty()) {
            return found.getFirst().getId();
        }
        keepAdministratorsAttributes();
        try (Response created = keycloak.realm().users().create(waiting(email))) {
            if (created.getStatus() == 201) {
                return CreatedResponseUtil.getCreatedId(created);
            }
            if (created.getStatus() == 409) {
                List<UserRepresentation> meanwhile = keycloak.realm().users().searchByEmail(email, true);
                if (!meanwhile.isEmpty()) {
                    return meanwhile.getFirst().getId();
                }
            }
            throw new IllegalStateException("Keycloak did not make an account for a new person (HTTP " + created.getStatus() + ")");
        }
    }

    /**
     * A new account for {@code email}, waiting for the person as {@link #accountFor}'s do, whose sign-in
     * subject is {@code id}. Keycloak's admin API gives a new user an id of its own; its partial import
     * keeps the id it is given, which is how someone added without an account keeps their id.
     *
     * @return false when the email address already has an account (nothing is made)
     */
    public boolean accountWithId(String id, String email) {
        if (!keycloak.realm().users().searchByEmail(email, true).isEmpty()) {
            return false;
        }
        keepAdministratorsAttributes();
        UserRepresentation user = waiting(email);
        user.setId(id);
        PartialImportRepresentation users = new PartialImportRepresentation();
        users.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
        users.setUsers(List.of(user));
        try (Response imported = keycloak.realm().partialImport(users)) {
            if (imported.getStatus() == 409) {
                return false;
            }
            if (imported.getStatus() / 100 != 2) {
                throw new IllegalStateException("Keycloak did not make an account for a person (HTTP " + imported.getStatus() + ")");
            }
        }
        List<UserRepresentation> made = keycloak.realm().users().searchByEmail(email, true);
        if (made.size() != 1 || !made.getFirst().getId().equals(id)) {
            made.forEach(wrong -> keycloak.realm().users().delete(wrong.getId()).close());
            throw new IllegalStateException("Keycloak did not keep the id it was given for a new account");
        }
        return true;
    }

    /** An account for a person named by email: verified (their organisation vouches for it), no password, placeholder names. */
    private static UserRepresentation waiting(String email) {
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setFirstName(email.substring(0, email.indexOf('@')));
        user.setLastName(domain);
        user.setAttributes(Map.of(WAITING_AT, List.of(domain)));
        return user;
    }

    /**
     * Keycloak keeps attributes outside its user profile only when the realm allows it; the mark
     * is such an attribute, so the realm keeps them for administrators only (people cannot see or
     * change them). Checked once per process.
     */
    private void keepAdministratorsAttributes() {
        if (attributesKept) {
            return;
        }
        UserProfileResource profile = keycloak.realm().users().userProfile();
        UPConfig config = profile.getConfiguration();
        if (config.getUnmanagedAttributePolicy() != UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT) {
            config.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
            profile.update(config);
        }
        attributesKept = true;
    }
}

package org.chorus.membership.grant;

import org.chorus.identity.Role;

/**
 * Where grants are mirrored so that tokens carry them: Keycloak groups
 * {@code /commissions/{commission}/{role}}. Both methods are safe to repeat.
 */
public interface RoleGrantMirror {

    /**
     * The sign-in subject of the person named by a subject, a username or an email address. A person
     * named by email who has no account yet gets one waiting for them (no password: they sign in
     * through their organisation, which links to it by the verified email).
     *
     * @throws UnknownPerson      when Keycloak answers that there is no such person
     * @throws MirrorUnavailable  when Keycloak cannot be reached or refuses
     */
    String subjectOf(String person);

    /**
     * Puts the subject in the commission role's group, or takes them out of it, making the
     * commission's groups first when they are missing.
     *
     * @throws MirrorUnavailable when Keycloak cannot be reached or refuses
     */
    void setMember(String subject, String commission, Role role, boolean member);

    /** Keycloak could not be reached or refused: the change stays pending and is tried again. */
    final class MirrorUnavailable extends RuntimeException {
        public MirrorUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Keycloak knows no one by that subject or username. */
    final class UnknownPerson extends RuntimeException {
        public UnknownPerson(String person) {
            super("No account for " + person);
        }
    }
}

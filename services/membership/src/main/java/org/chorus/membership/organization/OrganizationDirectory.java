package org.chorus.membership.organization;

import java.util.List;
import java.util.Optional;

/** Where member organisations are kept: Keycloak's Organizations, with their identity providers. */
public interface OrganizationDirectory {

    /**
     * Makes the organisation, and its identity provider linked to it when it has one. All or
     * nothing: if the provider cannot be made, the organisation is removed again.
     *
     * @throws Conflict when its id, its name or one of its email domains is taken
     */
    Organization create(Organization organization);

    Optional<Organization> find(String id);

    /** Every organisation, in id order. */
    List<Organization> all();

    /** The directory cannot be reached just now (every method may throw it); the caller may try again. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An organisation with that id, that name or one of those email domains exists already. */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}

package org.chorus.membership.member;

/** Where people's sign-in accounts are made: Keycloak. */
public interface Accounts {

    /**
     * Makes an account for {@code email} whose sign-in subject is {@code id}, waiting for the person's
     * first sign-in, so that a member added without an account keeps their id.
     *
     * @throws AccountExists when the email address already has an account
     */
    void makeWaitingAccount(String id, String email);

    /** The email address already has an account. */
    final class AccountExists extends RuntimeException {
        public AccountExists() {
            super("An account already has this email address");
        }
    }
}

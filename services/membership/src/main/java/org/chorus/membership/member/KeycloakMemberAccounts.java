package org.chorus.membership.member;

import org.chorus.membership.keycloak.KeycloakWaitingAccounts;
import org.springframework.stereotype.Component;

/** Accounts for members, made in Keycloak as accounts waiting for their person. */
@Component
class KeycloakMemberAccounts implements Accounts {

    private final KeycloakWaitingAccounts accounts;

    KeycloakMemberAccounts(KeycloakWaitingAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void makeWaitingAccount(String id, String email) {
        if (!accounts.accountWithId(id, email)) {
            throw new AccountExists();
        }
    }
}

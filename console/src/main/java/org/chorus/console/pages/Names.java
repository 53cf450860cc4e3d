package org.chorus.console.pages;

/** Resource names of the contract, built from the ids in a page's path (never from a person's name). */
final class Names {

    private Names() {
    }

    static String commission(String commissionId) {
        return "commissions/" + commissionId;
    }

    static String session(String commissionId, String sessionId) {
        return commission(commissionId) + "/sessions/" + sessionId;
    }

    static String claim(String commissionId, String claimId) {
        return commission(commissionId) + "/claims/" + claimId;
    }

    static String member(String commissionId, String memberId) {
        return commission(commissionId) + "/members/" + memberId;
    }

    /** The last part of a resource name: its id. */
    static String id(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}

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

    static String invitation(String commissionId, String sessionId, String memberId) {
        return session(commissionId, sessionId) + "/invitations/" + memberId;
    }

    static String focusIssue(String commissionId, String issueId) {
        return commission(commissionId) + "/focusIssues/" + issueId;
    }

    static String experiment(String commissionId, String experimentId) {
        return commission(commissionId) + "/experiments/" + experimentId;
    }

    /**
     * Whether an id sent back by a form can be one: letters, digits and dashes, up to 64, as the contract's ids
     * are. Anything else is not put in a resource name.
     */
    static boolean isId(String sent) {
        return sent != null && sent.matches("[A-Za-z0-9-]{1,64}");
    }

    /** The last part of a resource name: its id. */
    static String id(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}

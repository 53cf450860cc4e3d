package org.chorus.console.pages;

import java.util.HashMap;
import java.util.Map;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.Platform;
import org.chorus.identity.Caller;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Members' names as the platform gives them to this person, by resource name: for those who may list members
 * (coordinators, facilitators). Finance may not (ListMembers) and sees the member's id instead: the money is what
 * they check, not the person. Membership leaves a name out for whom the caller may not read it; then the id too.
 */
final class MemberNames {

    private final Map<String, String> names;
    private final MessageSource messages;

    private MemberNames(Map<String, String> names, MessageSource messages) {
        this.names = names;
        this.messages = messages;
    }

    static MemberNames of(Platform platform, Caller caller, String commissionId, MessageSource messages) {
        Map<String, String> names = new HashMap<>();
        if (ContractAccess.allows(caller, MembershipServiceGrpc.getListMembersMethod(), commissionId)) {
            for (Member member : CommissionController.allMembers(platform, commissionId)) {
                if (!member.getDisplayName().isBlank()) {
                    names.put(member.getName(), member.getDisplayName());
                }
            }
        }
        return new MemberNames(names, messages);
    }

    /** The member's name, or "Member {id}" when this person may not read it. */
    String of(String member) {
        String name = names.get(member);
        return name != null ? name : messages.getMessage("claims.memberId", new Object[] {Names.id(member)}, LocaleContextHolder.getLocale());
    }
}

package org.chorus.membership.needs;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.membership.member.MemberService;
import org.chorus.membership.needs.AccessNeedsRepository.Read;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.personal.PersonalDataHolder;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * What each person needs to take part: special category data, so seen only by the person and the
 * commission's facilitators (not coordinators, not finance), with every read by someone else recorded
 * for the person to see; and offered to session planning as counts, never names.
 */
@Service
public class AccessNeedsService implements PersonalDataHolder {

    static final String WHAT = "accessNeeds";
    static final int DEFAULT_PAGE_SIZE = 25;

    /** Counts of one commission's active members' needs, for planning sessions. */
    public record Summary(int answered, int stepFreeAccess, int hearingLoop, int quietRoom, int interpreter, int childcare,
                          int travelPaid, int largePrint, int supportWorker, int other) {
    }

    private final AccessNeedsRepository needs;
    private final MemberService members;
    private final CommissionTransactions transactions;
    private final Clock clock;

    public AccessNeedsService(AccessNeedsRepository needs, MemberService members, CommissionTransactions transactions, Clock clock) {
        this.needs = needs;
        this.members = members;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The person's needs ({@link AccessNeeds#NONE} when none were saved); a read by someone else is recorded. */
    public AccessNeeds get(Caller caller, String commission, String member) {
        boolean self = mayRead(caller, commission, member);
        return transactions.inCommission(caller, commission, () -> {
            members.existing(member);
            if (!self) {
                needs.recordRead(member, WHAT, caller.subject(), now());
            }
            return needs.find(member).orElse(AccessNeeds.NONE);
        });
    }

    /**
     * Saves the fields in {@code fields} from {@code sent}: by the person, or a facilitator for them
     * once they agreed.
     *
     * @param etag the etag last read, or blank to save regardless
     */
    public AccessNeeds update(Caller caller, String commission, String member, AccessNeeds sent, Set<String> fields, String etag,
                              boolean agreed) {
        MemberService.actingFor(caller, commission, member, agreed);
        if (!MemberService.isSelf(caller, commission, member) && !caller.rolesIn(commission).contains(Role.FACILITATOR)) {
            throw notAllowed();
        }
        return transactions.inCommission(caller, commission, () -> {
            members.existing(member);
            AccessNeeds saved = needs.find(member).orElse(AccessNeeds.NONE);
            if (etag != null && !etag.isBlank() && !etag.equals(saved.etag())) {
                throw ChorusException.aborted("STALE_ETAG", "These access needs changed since you read them. Read them again, then save.");
            }
            AccessNeeds next = saved.with(sent, fields, now());
            next.check();
            if (!needs.save(member, next)) {
                throw ChorusException.aborted("STALE_ETAG", "Someone else saved these access needs just now. Read them again, then save.");
            }
            return next;
        });
    }

    /** How many of the commission's active members need each thing. For facilitators and coordinators; counts only. */
    public Summary summarize(Caller caller, String commission) {
        if (!caller.holdsAnyIn(commission, Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators and network coordinators can see this.");
        }
        List<AccessNeeds> all = transactions.inCommission(caller, commission, needs::ofActiveMembers);
        return new Summary(all.size(), count(all, AccessNeeds::stepFreeAccess), count(all, AccessNeeds::hearingLoop),
                count(all, AccessNeeds::quietRoom), count(all, n -> !n.interpreter().isEmpty()), count(all, AccessNeeds::childcare),
                count(all, AccessNeeds::travelPaid), count(all, AccessNeeds::largePrint), count(all, AccessNeeds::supportWorker),
                count(all, n -> !n.other().isEmpty()));
    }

    /** Who looked at the person's special category data, newest first: for them and their facilitators. */
    public Page<Read> reads(Caller caller, String commission, String member, int pageSize, String pageToken) {
        mayRead(caller, commission, member);
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "reads:" + commission + ":" + member,
                read -> String.valueOf(read.id()),
                (key, limit) -> transactions.inCommission(caller, commission, () -> {
                    members.existing(member);
                    return needs.readsBefore(member, key.isEmpty() ? Long.MAX_VALUE : readId(key), limit);
                }));
    }

    @Override
    public String part() {
        return WHAT;
    }

    @Override
    public Object export(String commission, String memberId, String reader) {
        Map<String, Object> part = new LinkedHashMap<>();
        needs.find(memberId).ifPresent(n -> {
            if (!reader.equals(memberId)) {
                needs.recordRead(memberId, WHAT, reader, now());
            }
            part.put("needs", Map.of("stepFreeAccess", n.stepFreeAccess(), "hearingLoop", n.hearingLoop(), "quietRoom", n.quietRoom(),
                    "interpreter", n.interpreter(), "childcare", n.childcare(), "travelPaid", n.travelPaid(), "largePrint", n.largePrint(),
                    "supportWorker", n.supportWorker(), "other", n.other()));
        });
        part.put("whoLooked", needs.readsBefore(memberId, Long.MAX_VALUE, Integer.MAX_VALUE).stream()
                .map(r -> Map.of("what", r.what(), "reader", r.reader(), "time", r.time().toString())).toList());
        return part;
    }

    @Override
    public void erase(String commission, String memberId) {
        needs.delete(memberId);
    }

    /** The person, or the commission's facilitators; returns whether it is the person. */
    private static boolean mayRead(Caller caller, String commission, String member) {
        if (MemberService.isSelf(caller, commission, member)) {
            return true;
        }
        if (!caller.rolesIn(commission).contains(Role.FACILITATOR)) {
            throw notAllowed();
        }
        return false;
    }

    private static long readId(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException forged) {
            throw PageTokens.invalidToken();
        }
    }

    private static int count(List<AccessNeeds> all, Predicate<AccessNeeds> needed) {
        return (int) all.stream().filter(needed).count();
    }

    private static ChorusException notAllowed() {
        return ChorusException.permissionDenied("NOT_ALLOWED", "Only the person and the commission's facilitators can see or change this.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

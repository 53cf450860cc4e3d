package org.chorus.membership.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.membership.member.Member;
import org.chorus.membership.member.MemberService;
import org.chorus.membership.member.OtherServices;
import org.chorus.membership.v1.ConsentChanged;
import org.chorus.membership.v1.ConsentPurpose;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.personal.PersonalDataHolder;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * Consent, purpose by purpose: given or withdrawn against the current wording, by the person or for
 * them with their agreement, every answer kept. Withdrawing takes effect at once: every other service
 * is told first (payments deletes benefits details), then here (contact details are deleted in the
 * same transaction as the answer), and {@code consent.withdrawn} is published on the feed.
 */
@Service
public class ConsentService implements PersonalDataHolder {

    static final String GIVEN = "consent.given";
    static final String WITHDRAWN = "consent.withdrawn";

    private final ConsentRepository consents;
    private final MemberService members;
    private final OtherServices others;
    private final CommissionTransactions transactions;
    private final EventOutbox outbox;
    private final Clock clock;

    public ConsentService(ConsentRepository consents, MemberService members, OtherServices others, CommissionTransactions transactions,
                          EventOutbox outbox, Clock clock) {
        this.consents = consents;
        this.members = members;
        this.others = others;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Records an answer.
     *
     * @param purpose the purpose's name in the contract
     * @param agreed  for someone recording it for the member: that the member agreed
     */
    public Consent record(Caller caller, String commission, String member, String purpose, boolean given, int version, boolean agreed) {
        boolean self = MemberService.actingFor(caller, commission, member, agreed);
        ConsentPurposes asked = ConsentPurposes.named(purpose).orElseThrow(() -> ChorusException.invalid("UNKNOWN_CONSENT_PURPOSE",
                "purpose", "Chorus does not ask about this. ListConsentPurposes lists what it asks about."));
        if (version != asked.version()) {
            throw ChorusException.failedPrecondition("OLD_CONSENT_WORDING", "The words for \"" + asked.title()
                    + "\" are now version " + asked.version() + ". Show the person the current words, then record their answer.");
        }
        if (!given) {
            // Every other service first: if one cannot be reached, nothing is recorded and the person can try again.
            transactions.inCommission(caller, commission, () -> members.existing(member));
            others.withdrawn("commissions/" + commission + "/members/" + member, asked.name());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Consent consent = new Consent(commission, member, asked, given, version, caller.subject(), !self, now);
        return transactions.inCommission(caller, commission, () -> {
            members.existing(member);
            consents.insert(consent);
            if (!given && asked == ConsentPurposes.KEEPING_CONTACT_DETAILS) {
                members.forgetContactDetails(member, now);
            }
            outbox.append(new NewEvent(given ? GIVEN : WITHDRAWN, consent.resourceName(), caller.subject(), now,
                    ConsentChanged.newBuilder()
                            .setPurpose(ConsentPurpose.valueOf(asked.name()))
                            .setGiven(given)
                            .setWordingVersion(version)
                            .setOnBehalf(!self)
                            .build()));
            return consent;
        });
    }

    /**
     * The names members are credited by in reports, as each chose, of those who agreed to be named in reports;
     * in alphabetical order. Who may read them is the contract's access matrix: everyone who reads the reports.
     */
    public List<String> credits(Caller caller, String commission) {
        return transactions.inCommission(caller, commission, () -> members.everyone().stream()
                .filter(member -> !member.creditedAs().isEmpty())
                .filter(member -> consents.of(commission, member.id(), true).stream()
                        .anyMatch(c -> c.purpose() == ConsentPurposes.NAMED_IN_REPORTS && c.given()))
                .map(Member::creditedAs)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList());
    }

    /** The member's answers: the latest per purpose, or every one with {@code history}. For them, their facilitators and services. */
    public List<Consent> list(Caller caller, String commission, String member, boolean history) {
        if (!MemberService.isSelf(caller, commission, member) && !caller.rolesIn(commission).contains(Role.FACILITATOR)
                && !caller.isService()) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the person and the commission's facilitators can see their answers.");
        }
        return transactions.inCommission(caller, commission, () -> {
            members.existing(member);
            return consents.of(commission, member, !history);
        });
    }

    @Override
    public String part() {
        return "consents";
    }

    @Override
    public Object export(String commission, String memberId, String reader) {
        return consents.of(commission, memberId, false).stream().map(c -> Map.of("purpose", c.purpose().title(), "given", c.given(),
                "wordingVersion", c.wordingVersion(), "recordedBy", c.recordedBy(), "onBehalf", c.onBehalf(),
                "recordTime", c.recordTime().toString())).toList();
    }

    /** Answers hold no personal field: the purpose, the answer and when stay, naming nobody once the person is erased. */
    @Override
    public void erase(String commission, String memberId) {
    }
}

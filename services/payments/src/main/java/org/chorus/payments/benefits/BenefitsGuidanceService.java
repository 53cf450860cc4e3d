package org.chorus.payments.benefits;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.payments.benefits.BenefitsGuidanceRepository.StoredChoice;
import org.chorus.payments.benefits.BenefitsGuidanceRepository.StoredSituation;
import org.chorus.payments.benefits.MemberKey.ChoiceKey;
import org.chorus.payments.guidance.AdviserLetter;
import org.chorus.payments.guidance.Guidance;
import org.chorus.payments.guidance.GuidanceEngine;
import org.chorus.payments.guidance.GuidanceRequest.PaymentDraft;
import org.chorus.payments.guidance.GuidanceRequest.PlanDraft;
import org.chorus.payments.guidance.GuidanceRequest.SituationDraft;
import org.chorus.payments.guidance.GuidanceRequest;
import org.chorus.payments.guidance.PaymentMethod;
import org.chorus.payments.guidance.RulesBook;
import org.chorus.payments.v1.PaymentChoiceRecorded;
import org.chorus.platform.crypto.SealingKeys;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.personal.PersonalDataHolder;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The use cases of benefits guidance: preview (nothing stored), the member's saved situation
 * (sealed at rest, readable by the member and the commission's finance role, every access
 * recorded), and the member's payment choice with its event. Nothing about benefits is logged.
 */
@Service
public class BenefitsGuidanceService implements PersonalDataHolder {

    /** The type of the event a recorded choice publishes; its payload is a {@code PaymentChoiceRecorded}. */
    public static final String CHOICE_RECORDED = "payment_choice.recorded";
    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final GuidanceEngine engine;
    private final RulesBook rules;
    private final SealingKeys cipher;
    private final BenefitsGuidanceRepository repository;
    private final CommissionTransactions transactions;
    private final CreateRequests requests;
    private final EventOutbox outbox;
    private final List<ChoiceFollower> followers;
    private final Clock clock;

    public BenefitsGuidanceService(GuidanceEngine engine, RulesBook rules, @Qualifier("situationCipher") SealingKeys cipher,
                                   BenefitsGuidanceRepository repository, CommissionTransactions transactions,
                                   CreateRequests requests, EventOutbox outbox, List<ChoiceFollower> followers, Clock clock) {
        this.engine = engine;
        this.rules = rules;
        this.cipher = cipher;
        this.repository = repository;
        this.transactions = transactions;
        this.requests = requests;
        this.outbox = outbox;
        this.followers = List.copyOf(followers);
        this.clock = clock;
    }

    /** Guidance and its fingerprint. */
    public record Previewed(Guidance guidance, String fingerprint) {
    }

    /** The fields of a situation an update may change, by their API names. */
    public static final List<String> UPDATABLE = List.of("benefits", "other_earnings", "london");

    /** Guidance for a situation and plan. Stateless: nothing is read or stored. */
    public Previewed preview(SituationDraft situation, PlanDraft plan) {
        Guidance guidance = engine.preview(situation, plan);
        return new Previewed(guidance, GuidanceFingerprint.of(guidance));
    }

    /**
     * The member's saved situation, for the member or the commission's finance role; the read is recorded.
     *
     * @throws ChorusException PERMISSION_DENIED for anyone else (whether or not one is saved),
     *                         NOT_FOUND when the member has saved none
     */
    public SavedSituation situation(Caller caller, MemberKey member) {
        String capacity = reader(caller, member);
        return transactions.inCommission(caller, member.commissionId(), () -> {
            StoredSituation stored = repository.findSituation(member.memberId()).orElseThrow(() -> notSaved(capacity));
            repository.recordAccess(member.memberId(), caller.subject(), capacity, "READ", now());
            return open(member, stored);
        });
    }

    /**
     * Saves the member's situation; only the member themself may. Only the fields in
     * {@code fields} change; the rest keep their saved values.
     *
     * @param sent the changes as sent, read only once the caller is known to be the member, so someone
     *             else learns nothing from how their request is checked
     * @param etag the etag last read, or blank to save regardless
     * @throws ChorusException ABORTED when {@code etag} is not the current one
     */
    public SavedSituation saveSituation(Caller caller, MemberKey member, Supplier<SituationDraft> sent, Set<String> fields,
                                       String etag) {
        if (!isSelf(caller, member)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the member can save their own situation.");
        }
        SituationDraft changes = sent.get();
        return transactions.inCommission(caller, member.commissionId(), () -> {
            var current = repository.findSituation(member.memberId());
            SituationDraft before = current.map(s -> open(member, s).situation())
                    .orElse(new SituationDraft(List.of(), 0, null, false));
            long version = current.map(StoredSituation::version).orElse(0L);
            if (etag != null && !etag.isBlank() && !etag.strip().equals(SavedSituation.etagOf(version))) {
                throw staleEtag();
            }
            SituationDraft merged = new SituationDraft(
                    fields.contains("benefits") ? changes.benefits() : before.benefits(),
                    fields.contains("other_earnings") ? changes.otherEarningsPence() : before.otherEarningsPence(),
                    fields.contains("other_earnings") ? changes.otherEarningsPeriod() : before.otherEarningsPeriod(),
                    fields.contains("london") ? changes.london() : before.london());
            GuidanceRequest.checkSituation(merged);
            Instant now = now();
            StoredSituation next = new StoredSituation(member.memberId(),
                    cipher.seal(DraftJson.write(merged), associatedData(member)), version + 1, now);
            boolean saved = current.isEmpty() ? repository.insertSituation(next) : repository.replaceSituation(next, version);
            if (!saved) {
                throw staleEtag();
            }
            repository.recordAccess(member.memberId(), caller.subject(), "MEMBER", "SAVE", now);
            return new SavedSituation(member, merged, next.version(), now);
        });
    }

    /**
     * Records the member's choice and its event in one transaction, with what follows from it (the claims that waited
     * for a choice are submitted with it). A retry with the same request id returns the first choice; the same id with a
     * different choice is refused.
     *
     * @param sent   the choice as sent, read only once the caller is known to be the member or their facilitator
     * @param agreed for a facilitator recording it for the member: that the member agreed
     */
    public PaymentChoice recordChoice(Caller caller, MemberKey member, Supplier<NewPaymentChoice> sent, boolean agreed) {
        boolean self = isSelf(caller, member);
        if (!self && !caller.rolesIn(member.commissionId()).contains(Role.FACILITATOR)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "Only the member, or a facilitator with them, can record how they want to be paid.");
        }
        if (!self && !agreed) {
            throw ChorusException.failedPrecondition("MEMBER_AGREEMENT_NEEDED",
                    "You are doing this for someone else. Ask them first, and send member_agreed once they have agreed.");
        }
        NewPaymentChoice choice = sent.get();
        byte[] planJson = DraftJson.write(choice.plan());
        String requestHash = GuidanceFingerprint.ofBytes(DraftJson.write(List.of(member.memberName(), choice.method().name(),
                String.valueOf(choice.lowerAmountPence()), choice.reason(), new String(planJson, StandardCharsets.UTF_8),
                choice.london(), choice.rulesVersions(), choice.guidanceFingerprint())));
        return transactions.inCommission(caller, member.commissionId(), () -> {
            var earlier = requests.madeEarlier(choice.requestId(), requestHash);
            if (earlier.isPresent()) {
                return toChoice(member, repository.findChoice(member.memberId(), UUID.fromString(CreateRequests.idOf(earlier.get())))
                        .orElseThrow());
            }
            repository.lockChoicesOf(member.memberId());
            Instant now = now();
            StoredChoice stored = new StoredChoice(UUID.randomUUID(), member.memberId(), choice.requestId(), requestHash,
                    choice.method().name(), choice.lowerAmountPence(), choice.reason(), planJson, choice.london(),
                    choice.rulesVersions(), choice.guidanceFingerprint(), now, caller.subject(), !self);
            repository.insertChoice(stored);
            PaymentChoice recorded = toChoice(member, stored);
            requests.remember(choice.requestId(), requestHash, recorded.key().name());
            outbox.append(new NewEvent(CHOICE_RECORDED, recorded.key().name(), caller.subject(), now, event(recorded)));
            followers.forEach(f -> f.chosen(member, choice.method(), caller.subject(), now));
            return recorded;
        });
    }

    /** One choice, for the member or the commission's finance role. */
    public PaymentChoice choice(Caller caller, ChoiceKey key) {
        reader(caller, key.member());
        return transactions.inCommission(caller, key.member().commissionId(), () -> repository
                .findChoice(key.member().memberId(), key.id())
                .map(c -> toChoice(key.member(), c))
                .orElseThrow(() -> ChorusException.notFound("PAYMENT_CHOICE_NOT_FOUND",
                        "There is no payment choice with this name. Check the name and try again.")));
    }

    /** What the letter needs beyond the choice: names and contacts, never stored. */
    public record LetterDetails(String memberName, String commissionName, String involvement, String payer, String contact) {
    }

    /** The letter for the member's adviser about one choice, written today (UK time). Nothing is stored. */
    public AdviserLetter letter(Caller caller, ChoiceKey key, LetterDetails details) {
        PaymentChoice choice = choice(caller, key);
        var plan = GuidanceRequest.of(new SituationDraft(List.of(), 0, null, choice.london()), choice.plan(), rules).plan();
        try {
            return AdviserLetter.write(new AdviserLetter.Details(details.memberName(), details.commissionName(),
                    details.involvement(), details.payer(), details.contact(), plan, choice.method(), choice.reason(),
                    LocalDate.now(clock.withZone(UK))));
        } catch (ChorusException invalid) {
            // The letter names its fields letter.*; in this request they are top-level fields.
            throw ChorusException.invalid(invalid.reason(), invalid.getMessage(), invalid.violations().stream()
                    .map(v -> new org.chorus.platform.errors.FieldViolation(v.field().replaceFirst("^letter\\.", ""), v.description()))
                    .toList());
        }
    }

    private static PaymentChoice toChoice(MemberKey member, StoredChoice c) {
        return new PaymentChoice(new ChoiceKey(member, c.id()), PaymentMethod.valueOf(c.method()), c.lowerAmountPence(),
                c.reason(), DraftJson.read(c.planJson(), PlanDraft.class), c.london(), c.rulesVersions(),
                c.guidanceFingerprint(), c.createTime(), c.recordedBy(), c.onBehalf());
    }

    /** The event: what the later payments work needs. Not the member's reason, not the plan. */
    private static PaymentChoiceRecorded event(PaymentChoice c) {
        var event = PaymentChoiceRecorded.newBuilder()
                .setPaymentChoice(c.key().name())
                .setMember(c.key().member().memberName())
                .setMethod(c.method().name())
                .addAllRulesVersions(c.rulesVersions())
                .setGuidanceFingerprint(c.guidanceFingerprint())
                .setCreateTime(c.createTime().toString());
        if (c.lowerAmountPence() != null) {
            event.setLowerAmountPence(c.lowerAmountPence());
        }
        return event.build();
    }

    @Override
    public String part() {
        return "paymentsAndBenefits";
    }

    /**
     * The member's payment choices, and their saved benefits situation only when they asked for it
     * themself (nobody else may read it; a facilitator exporting for them is told it is there).
     */
    /**
     * Whether paying {@code pence} on {@code day} could take the member over a cliff edge in one of their benefits
     * (a limit where a little more loses a lot), worked out from the situation they saved, for someone about to
     * approve the payment: a warning in plain words that names no benefit and none of their figures, or empty
     * (nothing saved, no rules for the day, or no cliff edge). The check is recorded as an access to their details,
     * so they can see who looked. Runs inside the commission's transaction.
     */
    public Optional<String> cliffEdgeWarning(String commission, String member, String approver, LocalDate day, long pence,
                                             Integer minutes) {
        Optional<StoredSituation> stored = repository.findSituation(member);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        repository.recordAccess(member, approver, "APPROVER", "CHECKED_A_PAYMENT", now());
        SituationDraft situation = open(new MemberKey(commission, member), stored.get()).situation();
        PlanDraft plan = new PlanDraft(List.of(new PaymentDraft(day, "FEE", pence, minutes == null ? 0 : minutes)), List.of());
        try {
            boolean overAnEdge = engine.preview(situation, plan).benefits().stream().anyMatch(b -> !b.cliffEdges().isEmpty());
            return overAnEdge ? Optional.of(CLIFF_EDGE_WARNING) : Optional.empty();
        } catch (ChorusException noRulesForTheDay) {
            return Optional.empty();
        }
    }

    static final String CLIFF_EDGE_WARNING = "Paid in one go, this could take the member over a limit where some of their benefits "
            + "could stop for a week or more. Talk with them before it is paid: a lower amount, splitting it, or time credits may be safer.";

    @Override
    public Object export(String commission, String member, String reader) {
        MemberKey key = new MemberKey(commission, member);
        Map<String, Object> held = new LinkedHashMap<>();
        repository.findSituation(member).ifPresent(stored -> {
            if (reader.equals(member)) {
                repository.recordAccess(member, reader, "MEMBER", "READ", now());
                held.put("benefitsSituation", open(key, stored).situation());
            } else {
                held.put("benefitsSituation", "Saved. Only the person can see what it says: ask them to download their data themselves.");
            }
        });
        List<Map<String, Object>> choices = repository.choicesOf(member).stream().map(c -> {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("method", c.method());
            choice.put("lowerAmountPence", c.lowerAmountPence());
            choice.put("reason", c.reason());
            choice.put("createTime", c.createTime().toString());
            return choice;
        }).toList();
        if (!choices.isEmpty()) {
            held.put("paymentChoices", choices);
        }
        return held;
    }

    @Override
    public void erase(String commission, String member) {
        repository.eraseMember(member);
    }

    /** Withdrawing consent to keep benefits details deletes the saved situation at once (who read it stays recorded). */
    @Override
    public void withdrawn(String commission, String member, String purpose) {
        if (purpose.equals("KEEPING_BENEFITS_DETAILS")) {
            repository.deleteSituation(member);
        }
    }

    private SavedSituation open(MemberKey member, StoredSituation stored) {
        SituationDraft draft = DraftJson.read(cipher.open(stored.sealed(), associatedData(member)), SituationDraft.class);
        return new SavedSituation(member, draft, stored.version(), stored.updateTime());
    }

    /** The resource name binds the ciphertext to its commission and member. */
    private static byte[] associatedData(MemberKey member) {
        return member.situationName().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Who may read a member's situation or choices, and as what: the member themself, or the
     * commission's finance role. Not a facilitator, not a coordinator, not another member. Decided
     * before anything is looked up, so a refusal says nothing about whether there is anything.
     */
    private static String reader(Caller caller, MemberKey member) {
        if (isSelf(caller, member)) {
            return "MEMBER";
        }
        if (caller.rolesIn(member.commissionId()).contains(Role.FINANCE)) {
            return "FINANCE";
        }
        throw ChorusException.permissionDenied("NOT_ALLOWED",
                "Only the member and the commission's finance team can see this.");
    }

    private static boolean isSelf(Caller caller, MemberKey member) {
        return caller.subject().equals(member.memberId()) && !caller.rolesIn(member.commissionId()).isEmpty();
    }

    private static ChorusException notSaved(String capacity) {
        return ChorusException.notFound("BENEFITS_SITUATION_NOT_FOUND", capacity.equals("MEMBER")
                ? "You have not saved anything about your benefits yet."
                : "This member has not saved anything about their benefits.");
    }

    private static ChorusException staleEtag() {
        return ChorusException.aborted("ETAG_MISMATCH",
                "Your saved details changed since you last read them. Please read them again, then save.");
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: what a save returns must equal what a read gives later.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

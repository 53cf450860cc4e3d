package org.chorus.payments.claim;

import static org.chorus.payments.MoneyRoles.handlesMoney;
import static org.chorus.payments.MoneyRoles.isTheMember;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.payments.benefits.BenefitsGuidanceRepository.StoredChoice;
import org.chorus.payments.benefits.BenefitsGuidanceRepository;
import org.chorus.payments.benefits.BenefitsGuidanceService;
import org.chorus.payments.guidance.Money;
import org.chorus.payments.ledger.Account;
import org.chorus.payments.ledger.Ledger;
import org.chorus.payments.ledger.Transfer;
import org.chorus.payments.policy.PaymentPolicyService.Applying;
import org.chorus.payments.policy.PaymentPolicyService;
import org.chorus.payments.v1.ClaimChanged;
import org.chorus.payments.v1.ClaimCorrectionToCheck;
import org.chorus.payments.v1.ClaimReversed;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.members.CommissionMembers;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens.TimeAndId;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.personal.PersonalDataKeys;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * Claims for time and costs: made by the member or a facilitator for them, priced by the payment
 * policy of the day, with the method from the member's latest payment choice (or waiting for one);
 * two approvals by two different people from finance or the network's coordinators, neither the
 * member nor who made it; the second posts it to the ledger. A member sees only their own claims,
 * each with the plain reason for where it is.
 */
@Service
public class ClaimService {

    static final String MADE = "claim.made";
    /** A claim that waited for the member's payment choice was submitted with it. */
    static final String SUBMITTED = "claim.submitted";
    static final String APPROVED = "claim.approved";
    static final String REJECTED = "claim.rejected";
    static final String REVERSED = "claim.reversed";
    static final String WITHDRAWN = "claim.withdrawn";
    static final String CORRECTED = "claim.corrected";
    static final String CORRECTION_TO_CHECK = "claim.correction_to_check";
    /** Who acts when the commissions feed corrects a claim: this service. */
    static final String THIS_SERVICE = "chorus-payments";
    static final String ATTENDANCE_CORRECTED = "The attendance for this session was corrected.";
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_REASON = 500;

    /**
     * A claim as one caller may see it: {@code budgetLeftPence} only for finance and coordinators, when a budget is
     * set; {@code cliffEdgeWarning} only for them, while the claim waits for approval, when paying it could harm the
     * member's benefits.
     */
    public record Seen(Claim claim, Long budgetLeftPence, String cliffEdgeWarning) {
        public Seen(Claim claim) {
            this(claim, null, null);
        }
    }

    private static final String RECEIPT = "receipt";

    private final ClaimRepository claims;
    private final PersonalDataKeys personalKeys;
    private final CommissionMembers members;
    private final BenefitsGuidanceRepository choices;
    private final BenefitsGuidanceService benefits;
    private final PaymentPolicyService policies;
    private final Ledger ledger;
    private final CommissionTransactions transactions;
    private final EventOutbox outbox;
    private final Clock clock;

    public ClaimService(ClaimRepository claims, PersonalDataKeys personalKeys, CommissionMembers members, BenefitsGuidanceRepository choices, BenefitsGuidanceService benefits,
                        PaymentPolicyService policies, Ledger ledger,
                        CommissionTransactions transactions, EventOutbox outbox, Clock clock) {
        this.claims = claims;
        this.personalKeys = personalKeys;
        this.members = members;
        this.choices = choices;
        this.benefits = benefits;
        this.policies = policies;
        this.ledger = ledger;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The day, for checking a claim's dates. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Makes a claim: the member for themself, or a facilitator or coordinator for them. */
    public Claim create(Caller caller, NewClaim sent) {
        String commission = sent.commission();
        boolean self = isTheMember(caller, commission, sent.member());
        if (!self && !caller.holdsAnyIn(commission, Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "You can claim for yourself; facilitators can claim for the members.");
        }
        if (!self && !members.isInCommission(new CommissionId(commission), sent.member())) {
            throw ChorusException.failedPrecondition("NOT_IN_COMMISSION", "This person is not in this commission, so a claim cannot be "
                    + "made for them here. Check who they are, or add them to the commission first.");
        }
        Applying policy = policies.on(caller, commission, sent.workDate());
        long amount;
        Long rate = null;
        if (sent.kind() == Claim.Kind.TIME) {
            rate = policy.rate().pence();
            amount = Claim.pay(sent.minutes(), rate);
        } else {
            Long limit = policy.policy().coveredExpenses().get(sent.expenseKind());
            Violations violations = new Violations();
            if (violations.check(limit != null, "claim.expense_kind", "The commission's payment policy does not cover this kind of cost.")) {
                violations.check(sent.amountPence() <= limit, "claim.amount",
                        "The most a claim can ask for this kind of cost is " + Money.ofPence(limit) + ".");
            }
            violations.throwIfAny("INVALID_CLAIM", "The claim needs changing: see each field.");
            amount = sent.amountPence();
        }
        Long hourlyRate = rate;
        Instant now = now();
        return transactions.inCommission(caller, commission, () -> {
            String method = latestChoice(sent.member());
            Claim claim = new Claim(UUID.randomUUID(), commission, sent.member(), sent.kind(), sent.description(), sent.minutes(),
                    sent.workDate(), sent.expenseKind(), amount, hourlyRate, policy.policy().revision(), method,
                    method == null ? Claim.State.WAITING_FOR_A_CHOICE : Claim.State.SUBMITTED, List.of(), null, caller.subject(), now, 1,
                    null, Claim.Payment.NONE, sent.receipts().stream().map(Receipt::kept).toList(), null, null);
            claims.insert(claim);
            sent.receipts().forEach(r -> claims.insertReceipt(claim.id(), r.kept(), personalKeys.seal(claim.member(), RECEIPT, r.content())));
            outbox.append(event(MADE, claim, caller, now));
            return claim;
        });
    }

    /** What one attendance event from the commissions feed did to the claims. */
    public enum FromAttendance {
        /** A claim was made. */
        MADE,
        /** A claim not approved yet now has the corrected minutes and amount (or was opened again, having been withdrawn). */
        REPRICED,
        /** A claim not approved yet was withdrawn: the person did not come after all. */
        WITHDRAWN,
        /** An approved claim not paid yet was cancelled, and what its approval posted went back. */
        REVERSED,
        /** A claim paid (or partly paid, or with the bank) is left alone, and marked for finance to check. */
        TO_CHECK,
        /** Nothing changed: the event was applied already, or it changes nothing. */
        NOTHING
    }

    /**
     * Follows one attendance event of the commissions feed (recorded or confirmed by a facilitator): the claim for the
     * person's time at the session is made when they came, with the minutes and the policy's preparation time, at the
     * rate of the session's day; one per session and person, never two. A later correction is followed while it can be
     * without taking money back: a claim not approved yet is repriced (any first approval is set aside: it was for the old
     * amount), or withdrawn when they did not come (and opened
     * again, repriced, if a further correction says they did); an approved claim not paid yet is cancelled by reversing
     * what its approval posted; a claim paid, partly paid or with the bank is left alone and marked for finance to check.
     * Runs inside the commission's transaction that moves the feed's cursor, and remembers on the claim the last event
     * applied to it, so that reading the feed again from any point changes nothing.
     */
    public FromAttendance fromAttendance(String commission, long sequence, String session, String member, boolean attended, int minutes,
                                         LocalDate day, String actor) {
        boolean came = attended && minutes > 0;
        // Before the claim is locked, as recording a choice takes it before the claims that wait for one.
        choices.lockChoicesOf(member);
        Optional<Claim> existing = claims.findFromAttendance(session, member);
        if (existing.isEmpty()) {
            return came && makeFromAttendance(commission, sequence, session, member, minutes, day, actor)
                    ? FromAttendance.MADE : FromAttendance.NOTHING;
        }
        Claim claim = existing.get();
        if (claim.attendance().applied(sequence)) {
            return FromAttendance.NOTHING;
        }
        int preparation = claim.attendance().minutes() != null ? claim.minutes() - claim.attendance().minutes()
                : policies.inTransaction(claim.workDate()).policy().preparationMinutes();
        int paidMinutes = Math.min(minutes + preparation, 1440);
        boolean changed = !came || paidMinutes != claim.minutes();
        // The claim's minutes stay worked out from the attendance they were priced from, unless it is repriced.
        Claim.AttendanceSeen seen = new Claim.AttendanceSeen(claim.attendance().minutes(), sequence, claim.attendance().toCheck());
        Claim.AttendanceSeen priced = new Claim.AttendanceSeen(minutes, sequence, claim.attendance().toCheck());
        Instant now = now();
        switch (claim.state()) {
            case WAITING_FOR_A_CHOICE, SUBMITTED -> {
                if (!came) {
                    Claim next = save(claim.cancelled(Claim.State.WITHDRAWN, ATTENDANCE_CORRECTED, seen));
                    outbox.append(changedEvent(WITHDRAWN, next, THIS_SERVICE, now));
                    return FromAttendance.WITHDRAWN;
                }
                if (!changed) {
                    return FromAttendance.NOTHING;
                }
                claims.setAsideApprovals(claim.id(), now);
                Claim next = save(claim.repriced(paidMinutes, Claim.pay(paidMinutes, claim.hourlyRatePence()), priced));
                outbox.append(changedEvent(CORRECTED, next, THIS_SERVICE, now));
                return FromAttendance.REPRICED;
            }
            case WITHDRAWN -> {
                if (!came) {
                    return FromAttendance.NOTHING;
                }
                String method = latestChoice(member);
                claims.setAsideApprovals(claim.id(), now);
                Claim next = save(claim.reopened(method == null ? Claim.State.WAITING_FOR_A_CHOICE : Claim.State.SUBMITTED, method,
                        paidMinutes, Claim.pay(paidMinutes, claim.hourlyRatePence()), priced));
                outbox.append(changedEvent(CORRECTED, next, THIS_SERVICE, now));
                return FromAttendance.REPRICED;
            }
            case APPROVED -> {
                if (!changed) {
                    return FromAttendance.NOTHING;
                }
                if (claim.payment().paidPence() == 0 && !claims.withTheBank(claim.id())) {
                    undo(claim, came ? "The attendance for this session was corrected to " + minutes + " minutes. "
                            + "A facilitator can make a new claim for that time." : ATTENDANCE_CORRECTED, THIS_SERVICE, true, seen, now);
                    return FromAttendance.REVERSED;
                }
                return toCheck(claim, seen, came, minutes, now);
            }
            case PAID -> {
                return changed ? toCheck(claim, seen, came, minutes, now) : FromAttendance.NOTHING;
            }
            default -> {
                // Turned down or cancelled already: a correction of the attendance changes nothing more.
                return FromAttendance.NOTHING;
            }
        }
    }

    private boolean makeFromAttendance(String commission, long sequence, String session, String member, int minutes, LocalDate day,
                                       String actor) {
        var applying = policies.inTransaction(day);
        int paid = Math.min(minutes + applying.policy().preparationMinutes(), 1440);
        String method = latestChoice(member);
        Instant now = now();
        Claim claim = new Claim(UUID.nameUUIDFromBytes((session + "/" + member).getBytes(StandardCharsets.UTF_8)), commission, member,
                Claim.Kind.TIME, "Time at a session", paid, day, null, Claim.pay(paid, applying.rate().pence()), applying.rate().pence(),
                applying.policy().revision(), method, method == null ? Claim.State.WAITING_FOR_A_CHOICE : Claim.State.SUBMITTED, List.of(),
                null, actor, now, 1, session, Claim.Payment.NONE, List.of(), null, new Claim.AttendanceSeen(minutes, sequence, null));
        if (!claims.insert(claim)) {
            return false;
        }
        outbox.append(new NewEvent(MADE, claim.resourceName(), actor, now, ClaimChanged.newBuilder()
                .setMember(claim.memberName()).setKind(claim.kind().name()).setAmountPence(claim.amountPence()).setMinutes(paid)
                .setState(claim.state().name()).build()));
        return true;
    }

    /** Leaves a claim whose money has gone alone, and marks it for finance to check: nothing is taken back automatically. */
    private FromAttendance toCheck(Claim claim, Claim.AttendanceSeen seen, boolean came, int minutes, Instant now) {
        String note = "The attendance was corrected after this claim was paid or sent to the bank: it now says "
                + (came ? minutes + " minutes at the session; the claim was for " + claim.minutes() + " minutes with preparation."
                : "the member did not come.") + " Nothing was taken back. Talk to the member before doing anything.";
        Claim next = save(claim.seen(new Claim.AttendanceSeen(seen.minutes(), seen.sequence(), note)));
        outbox.append(new NewEvent(CORRECTION_TO_CHECK, next.resourceName(), THIS_SERVICE, now, ClaimCorrectionToCheck.newBuilder()
                .setMember(next.memberName()).setAmountPence(next.amountPence()).setMinutes(next.minutes())
                .setAttended(came).setAttendedMinutes(minutes).build()));
        return FromAttendance.TO_CHECK;
    }

    /** One claim. A member sees only their own: anyone else's is answered as if there were none. */
    public Seen get(Caller caller, String commission, UUID id) {
        return transactions.inCommission(caller, commission, () -> {
            Claim claim = claims.find(id).filter(c -> seesEvery(caller, commission) || isTheMember(caller, commission, c.member()))
                    .orElseThrow(ClaimService::notFound);
            boolean deciding = handlesMoney(caller, commission)
                    && (claim.state() == Claim.State.SUBMITTED || claim.state() == Claim.State.WAITING_FOR_A_CHOICE);
            return new Seen(claim, budgetLeft(caller, commission), deciding ? benefits.cliffEdgeWarning(commission, claim.member(),
                    caller.subject(), claim.workDate(), claim.amountPence(), claim.minutes()).orElse(null) : null);
        });
    }

    /** A receipt with its content. */
    public record ReceiptFile(Receipt.Kept kept, byte[] content) {
    }

    /**
     * One receipt of a claim, whole: to the member the claim is for, finance and coordinators. Someone else's is
     * answered as if there were none.
     */
    public ReceiptFile receipt(Caller caller, String commission, UUID claimId, int number) {
        return transactions.inCommission(caller, commission, () -> {
            Claim claim = claims.find(claimId).filter(c -> handlesMoney(caller, commission) || isTheMember(caller, commission, c.member()))
                    .orElseThrow(ClaimService::notFound);
            Receipt.Kept kept = claim.receipts().stream().filter(r -> r.number() == number).findFirst()
                    .orElseThrow(ClaimService::noReceipt);
            byte[] content = claims.receiptContent(claimId, number).flatMap(sealed -> personalKeys.open(claim.member(), RECEIPT, sealed))
                    .orElseThrow(ClaimService::noReceipt);
            return new ReceiptFile(kept, content);
        });
    }

    /** One page of claims, oldest first, as {@code filter} says: a member's own, or everyone's for the commission's staff. */
    public Page<Claim> list(Caller caller, String commission, int pageSize, String pageToken, ClaimRepository.Filter filter) {
        String only = seesEvery(caller, commission) ? null : caller.subject();
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken,
                "claims:" + commission + ":" + (only == null ? "*" : only) + ":" + filter.key(),
                claim -> TimeAndId.key(claim.createTime(), claim.id().toString()),
                (key, limit) -> {
                    TimeAndId after = TimeAndId.of(key);
                    return transactions.inCommission(caller, commission, () -> claims.listAfter(after == null ? Instant.EPOCH : after.time(),
                            after == null ? new UUID(0, 0) : PageTokens.uuid(after.id()), only, filter, limit));
                });
    }

    /**
     * One approval. The second posts the claim to the ledger: money owed to the member, or time
     * credits for time when they chose them.
     */
    public Claim approve(Caller caller, String commission, UUID id, String etag) {
        mayDecide(caller, commission);
        return transactions.inCommission(caller, commission, () -> {
            Claim claim = claims.find(id).orElseThrow(ClaimService::notFound);
            notTheirOwn(caller, claim);
            fresh(claim, etag);
            Claim.State state = claim.state();
            String method = claim.paymentMethod();
            if (state == Claim.State.WAITING_FOR_A_CHOICE) {
                // Recording a choice submits the claims waiting for one, so only a claim left waiting by an older version
                // of this service can get here with a choice on record.
                method = latestChoice(claim.member());
                if (method == null) {
                    throw ChorusException.failedPrecondition("NO_PAYMENT_CHOICE",
                            "The member has not said how they want to be paid yet. Ask them to record a payment choice first.");
                }
                state = Claim.State.SUBMITTED;
            }
            open(state);
            if (claim.approvals().stream().anyMatch(a -> a.approver().equals(caller.subject()))) {
                throw ChorusException.failedPrecondition("SAME_APPROVER", "You approved this claim already. It needs someone else's approval.");
            }
            Instant now = now();
            claims.addApproval(id, new Claim.Approval(caller.subject(), now));
            List<Claim.Approval> approvals = new ArrayList<>(claim.approvals());
            approvals.add(new Claim.Approval(caller.subject(), now));
            Claim next = approvals.size() == 2 ? settle(claim.next(Claim.State.APPROVED, method, null, approvals, claim.payment()))
                    : claim.next(state, method, null, approvals, claim.payment());
            if (!claims.update(next)) {
                throw ChorusException.aborted("STALE_ETAG", "Someone else changed this claim just now. Read it again, then try again.");
            }
            outbox.append(event(APPROVED, next, caller, now));
            return next;
        });
    }

    /** Turns a claim down with a reason the member can read. */
    public Claim reject(Caller caller, String commission, UUID id, String reason, String etag) {
        mayDecide(caller, commission);
        Violations violations = new Violations();
        violations.checkText(reason, "reason", "the reason, in words the member can read", 1, MAX_REASON);
        violations.throwIfAny("INVALID_CLAIM", "Say why the claim is not approved.");
        return transactions.inCommission(caller, commission, () -> {
            Claim claim = claims.find(id).orElseThrow(ClaimService::notFound);
            notTheirOwn(caller, claim);
            fresh(claim, etag);
            open(claim.state() == Claim.State.WAITING_FOR_A_CHOICE ? Claim.State.SUBMITTED : claim.state());
            Claim next = claim.next(Claim.State.REJECTED, claim.paymentMethod(), reason.strip(), claim.approvals(), claim.payment());
            if (!claims.update(next)) {
                throw ChorusException.aborted("STALE_ETAG", "Someone else changed this claim just now. Read it again, then try again.");
            }
            outbox.append(event(REJECTED, next, caller, now()));
            return next;
        });
    }

    /**
     * Cancels a claim approved by mistake and not paid yet: each transfer its approval posted is reversed (the money goes
     * back to the budget) in the same transaction as the claim becoming {@code REVERSED}, with a reason the member reads.
     *
     * @throws ChorusException FAILED_PRECONDITION: {@code CLAIM_NOT_APPROVED} (turn it down instead), {@code CLAIM_CLOSED}
     *                         (turned down or withdrawn), {@code CLAIM_ALREADY_PAID} (paid, partly paid, settled at approval
     *                         or with the bank), {@code CLAIM_ALREADY_REVERSED}; nothing is written
     */
    public Claim reverse(Caller caller, String commission, UUID id, String reason, String etag) {
        mayDecide(caller, commission);
        Violations violations = new Violations();
        violations.checkText(reason, "reason", "the reason, in words the member can read", 1, MAX_REASON);
        violations.check(etag != null && !etag.isBlank(), "etag", "Send the claim's etag as you last read it.");
        violations.throwIfAny("INVALID_CLAIM", "Say why the payment is cancelled, and send the claim's etag.");
        return transactions.inCommission(caller, commission, () -> {
            Claim claim = claims.findLocked(id).orElseThrow(ClaimService::notFound);
            notTheirOwn(caller, claim);
            fresh(claim, etag);
            switch (claim.state()) {
                case SUBMITTED, WAITING_FOR_A_CHOICE -> throw ChorusException.failedPrecondition("CLAIM_NOT_APPROVED",
                        "This claim is not approved yet, so no money has moved. Turn it down instead, with a reason the member can read.");
                case REJECTED, WITHDRAWN -> throw ChorusException.failedPrecondition("CLAIM_CLOSED",
                        "This claim was turned down or withdrawn, so nothing was paid and there is nothing to cancel.");
                case REVERSED -> throw ChorusException.failedPrecondition("CLAIM_ALREADY_REVERSED",
                        "This payment was cancelled already, and a cancellation is never done twice. "
                                + "If the member should be paid after all, make a new claim.");
                case PAID -> throw alreadyPaid();
                case APPROVED -> {
                    if (claim.payment().paidPence() > 0 || claims.withTheBank(claim.id())) {
                        throw alreadyPaid();
                    }
                }
            }
            return undo(claim, reason.strip(), caller.subject(), false, claim.attendance(), now());
        });
    }

    /**
     * Reverses what the claim's approval posted (money owed to the member goes back to the budget) and stores the claim
     * {@code REVERSED} for {@code why}, with its event: all in the caller's transaction.
     */
    private Claim undo(Claim claim, String why, String actor, boolean attendanceCorrected, Claim.AttendanceSeen seen, Instant now) {
        Long owed = claim.payment().owedPence();
        long back = owed == null ? 0 : owed;
        if (back > 0) {
            ledger.reverse(Transfer.idFor("approved", claim.id()), Transfer.idFor("reversed", claim.id()), claim.resourceName());
        }
        Claim next = save(claim.cancelled(Claim.State.REVERSED, why, seen));
        outbox.append(new NewEvent(REVERSED, next.resourceName(), actor, now, ClaimReversed.newBuilder()
                .setMember(next.memberName()).setKind(next.kind().name()).setAmountPence(next.amountPence())
                .setMinutes(next.minutes() == null ? 0 : next.minutes()).setReversedPence(back)
                .setAttendanceCorrected(attendanceCorrected).build()));
        return next;
    }

    private Claim save(Claim next) {
        if (!claims.update(next)) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else changed this claim just now. Read it again, then try again.");
        }
        return next;
    }

    private static ChorusException alreadyPaid() {
        return ChorusException.failedPrecondition("CLAIM_ALREADY_PAID", "The money has already been sent (or is with the bank), "
                + "so this payment cannot be cancelled here. Talk to the member first: nothing is taken back without them.");
    }

    /**
     * The approved claim posted to the ledger, as the member chose: money owed to them (paid later by bank
     * transfer or vouchers), time credits, a donation to the commission, or nothing. Time credits and a
     * donation are settled at once, so the claim is paid. One transfer per claim and purpose.
     */
    private Claim settle(Claim claim) {
        long owed = switch (claim.paymentMethod()) {
            case "NO_PAYMENT" -> 0;
            case "TIME_CREDITS" -> claim.kind() == Claim.Kind.TIME ? 0 : claim.amountPence();
            case "LOWER_AMOUNT" -> Math.min(claim.amountPence(), latest(claim.member()).map(StoredChoice::lowerAmountPence)
                    .orElse(claim.amountPence()));
            default -> claim.amountPence();
        };
        Account member = Account.of(Account.Kind.OWED, claim.member());
        if (owed > 0) {
            ledger.post(Transfer.idFor("approved", claim.id()), Account.of(Account.Kind.BUDGET), member, owed, "CLAIM_APPROVED",
                    claim.resourceName());
        }
        if ("TIME_CREDITS".equals(claim.paymentMethod()) && claim.kind() == Claim.Kind.TIME) {
            ledger.post(Transfer.idFor("approved", claim.id()), Account.of(Account.Kind.TIME_CREDITS_GIVEN),
                    Account.of(Account.Kind.TIME_CREDITS, claim.member()), claim.minutes(), "CLAIM_APPROVED", claim.resourceName());
            return claim.settled(Claim.State.PAID, new Claim.Payment(0L, 0, today(), null));
        }
        if ("DONATE".equals(claim.paymentMethod())) {
            ledger.post(Transfer.idFor("donated", claim.id()), member, Account.of(Account.Kind.DONATIONS), owed, "DONATED", claim.resourceName());
            return claim.settled(Claim.State.PAID, new Claim.Payment(owed, owed, today(), null));
        }
        return claim.settled(Claim.State.APPROVED, new Claim.Payment(owed, 0, null, null));
    }

    /** The member's latest payment choice, if they made one. */
    private Optional<StoredChoice> latest(String member) {
        var all = choices.choicesOf(member);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * The method of the member's latest payment choice, or null while they have made none, read under the member's lock
     * on their choices: a choice recorded at the same moment waits until this transaction ends, then finds the claim
     * this makes and submits it.
     */
    private String latestChoice(String member) {
        choices.lockChoicesOf(member);
        return latest(member).map(StoredChoice::method).orElse(null);
    }

    private Long budgetLeft(Caller caller, String commission) {
        if (!handlesMoney(caller, commission)) {
            return null;
        }
        // Inside the claim's transaction already: the policy is read in it, not in one of its own.
        Long budget = policies.inTransaction(today()).policy().budgetPence();
        return budget == null ? null : budget + ledger.balance(Account.of(Account.Kind.BUDGET));
    }


    private static void mayDecide(Caller caller, String commission) {
        if (!handlesMoney(caller, commission)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's finance team and network coordinators decide on claims.");
        }
    }

    private static void notTheirOwn(Caller caller, Claim claim) {
        if (claim.member().equals(caller.subject())) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Nobody decides on a claim for themself. Ask someone else in finance.");
        }
        if (claim.createdBy().equals(caller.subject())) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "You made this claim, so someone else decides on it.");
        }
    }

    private static void fresh(Claim claim, String etag) {
        if (etag != null && !etag.isBlank() && !etag.equals(claim.etag())) {
            throw ChorusException.aborted("STALE_ETAG", "This claim changed since you read it. Read it again before you decide.");
        }
    }

    private static void open(Claim.State state) {
        switch (state) {
            case APPROVED, PAID -> throw ChorusException.failedPrecondition("ALREADY_APPROVED", "This claim has its two approvals already.");
            case REJECTED, WITHDRAWN, REVERSED -> throw ChorusException.failedPrecondition("CLAIM_CLOSED",
                    "This claim was turned down, withdrawn or cancelled, so nothing more can be decided on it.");
            default -> { }
        }
    }


    private static boolean seesEvery(Caller caller, String commission) {
        return caller.holdsAnyIn(commission, Set.of(Role.FACILITATOR, Role.FINANCE));
    }


    private static NewEvent event(String type, Claim claim, Caller caller, Instant time) {
        return changedEvent(type, claim, caller.subject(), time);
    }

    static NewEvent changedEvent(String type, Claim claim, String actor, Instant time) {
        return new NewEvent(type, claim.resourceName(), actor, time, ClaimChanged.newBuilder()
                .setMember(claim.memberName())
                .setKind(claim.kind().name())
                .setAmountPence(claim.amountPence())
                .setMinutes(claim.minutes() == null ? 0 : claim.minutes())
                .setState(claim.state().name())
                .setApprovals(claim.approvals().size())
                .build());
    }

    private static ChorusException noReceipt() {
        return ChorusException.notFound("CLAIM_NOT_FOUND", "This claim has no such receipt (or it was erased with the member's data).");
    }

    private static ChorusException notFound() {
        return ChorusException.notFound("CLAIM_NOT_FOUND", "There is no such claim in this commission. Check the name and try again.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

package org.chorus.payments.payout;

import static org.chorus.payments.MoneyRoles.handlesMoney;
import static org.chorus.payments.MoneyRoles.isTheMember;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.chorus.identity.Caller;
import org.chorus.payments.claim.Claim;
import org.chorus.payments.claim.ClaimRepository;
import org.chorus.payments.ledger.Account;
import org.chorus.payments.ledger.Ledger;
import org.chorus.payments.ledger.Transfer;
import org.chorus.payments.payout.PayoutRepository.Stock;
import org.chorus.payments.payout.PayoutRepository.StoredBankDetails;
import org.chorus.payments.payout.PayoutRepository.StoredVoucher;
import org.chorus.payments.v1.ClaimChanged;
import org.chorus.payments.v1.PaymentMade;
import org.chorus.platform.crypto.SealingKeys;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens.TimeAndId;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.personal.PersonalDataHolder;
import org.chorus.platform.personal.PersonalDataKeys;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Paying people for approved claims, the way each chose. By bank transfer: members set their own bank
 * details (sealed under their own key, shown masked), a payout gathers the claims owed by bank and
 * makes the file for the bank, and marking it paid moves the money out of each member's owed account;
 * a payment the bank could not make stays owed, with the reason. In vouchers: the commission loads
 * the codes it bought (paid for from its budget, each loaded once), and a payout gives them at once,
 * the most valuable first without paying more than is owed, each voucher once.
 */
@Service
public class PayoutService implements PersonalDataHolder {

    static final int MOST_CLAIMS_PER_PAYOUT = 1000;
    static final int MOST_VOUCHERS_PER_LOAD = 500;
    static final long MOST_VOUCHER_PENCE = 100_000;
    static final int DEFAULT_PAGE_SIZE = 25;
    private static final Pattern VOUCHER_CODE = Pattern.compile("[A-Za-z0-9-]{4,64}");
    private static final String BANK_DETAILS = "bank_details";

    /** A voucher as one caller may see it: its code only for the member it was given to. */
    public record SeenVoucher(UUID id, String supplier, long valuePence, String code, UUID claim, Instant issueTime) {
    }

    /** A member's bank details, as shown. */
    public record MaskedBankDetails(String member, String masked, Instant updateTime) {
    }

    private final PayoutRepository payouts;
    private final ClaimRepository claims;
    private final Ledger ledger;
    private final PersonalDataKeys personalKeys;
    private final SealingKeys serviceKeys;
    private final CommissionTransactions transactions;
    private final EventOutbox outbox;
    private final Clock clock;

    public PayoutService(PayoutRepository payouts, ClaimRepository claims, Ledger ledger, PersonalDataKeys personalKeys,
                         @Qualifier("chorusServiceKeys") SealingKeys serviceKeys, CommissionTransactions transactions, EventOutbox outbox,
                         Clock clock) {
        this.payouts = payouts;
        this.claims = claims;
        this.ledger = ledger;
        this.personalKeys = personalKeys;
        this.serviceKeys = serviceKeys;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Sets where the member's money goes. Only the member themself may.
     *
     * @param sent the details as sent, read only once the caller is known to be the member, so someone else learns
     *             nothing from how their request is checked
     */
    public MaskedBankDetails setBankDetails(Caller caller, String commission, String member, Supplier<BankDetails> sent) {
        if (!isTheMember(caller, commission, member)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the member can say where their money goes.");
        }
        BankDetails details = sent.get();
        return transactions.inCommission(caller, commission, () -> {
            var stored = new StoredBankDetails(member, personalKeys.sealText(member, BANK_DETAILS, details.sealable()),
                    details.accountEnding(), now());
            payouts.saveBankDetails(stored);
            return masked(stored);
        });
    }

    /** A member's bank details, masked: to the member, finance and coordinators. */
    public MaskedBankDetails bankDetails(Caller caller, String commission, String member) {
        if (!isTheMember(caller, commission, member) && !handlesMoney(caller, commission)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the member and the commission's finance team can see this.");
        }
        return transactions.inCommission(caller, commission, () -> payouts.bankDetails(member).map(PayoutService::masked)
                .orElseThrow(() -> ChorusException.notFound("BANK_DETAILS_NOT_FOUND",
                        "No bank details yet. The member can add them, to be paid by bank transfer.")));
    }

    /**
     * Adds vouchers the commission bought to its stock, paid for from its budget.
     *
     * @throws ChorusException INVALID_ARGUMENT ({@code INVALID_VOUCHERS}), ALREADY_EXISTS ({@code VOUCHER_LOADED_ALREADY}): nothing loaded
     */
    public Stock loadVouchers(Caller caller, String commission, String supplier, Long valuePence, List<String> codes) {
        mayPay(caller, commission);
        Violations violations = new Violations();
        violations.checkText(supplier, "supplier", "where the vouchers can be spent", 1, 100);
        violations.check(valuePence != null && valuePence > 0 && valuePence <= MOST_VOUCHER_PENCE, "value",
                "Say what each voucher is worth: more than £0, at most £1,000.");
        violations.check(!codes.isEmpty() && codes.size() <= MOST_VOUCHERS_PER_LOAD, "codes",
                "Send 1 to " + MOST_VOUCHERS_PER_LOAD + " codes at a time.");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i).strip();
            if (violations.check(VOUCHER_CODE.matcher(code).matches(), "codes[" + i + "]",
                    "A code is 4 to 64 letters, numbers or dashes.")) {
                violations.check(seen.add(code), "codes[" + i + "]", "This code is in the list twice.");
            }
        }
        violations.throwIfAny("INVALID_VOUCHERS", "The vouchers need changing: see each field.");
        return transactions.inCommission(caller, commission, () -> {
            Instant now = now();
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i).strip();
                UUID id = UUID.randomUUID();
                byte[] plain = code.getBytes(StandardCharsets.UTF_8);
                if (!payouts.loadVoucher(id, serviceKeys.index(plain), serviceKeys.seal(plain, voucherData(commission, id)),
                        supplier.strip(), valuePence, caller.subject(), now)) {
                    throw ChorusException.alreadyExists("VOUCHER_LOADED_ALREADY",
                            "The code at codes[" + i + "] was loaded before. Each code is loaded once: take it out and send the rest.");
                }
            }
            ledger.post(UUID.randomUUID(), Account.of(Account.Kind.BUDGET), Account.of(Account.Kind.VOUCHERS), valuePence * codes.size(),
                    "VOUCHERS_BOUGHT", "commissions/" + commission + "/voucherStock");
            return payouts.stock();
        });
    }

    /** What is left of the commission's vouchers. */
    public Stock voucherStock(Caller caller, String commission) {
        mayPay(caller, commission);
        return transactions.inCommission(caller, commission, payouts::stock);
    }

    /** One page of the vouchers given to a member, newest first; the codes only for the member. */
    public Page<SeenVoucher> vouchersOf(Caller caller, String commission, String member, int pageSize, String pageToken) {
        boolean theMember = isTheMember(caller, commission, member);
        if (!theMember && !handlesMoney(caller, commission)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the member and the commission's finance team can see this.");
        }
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "vouchers:" + commission + ":" + member,
                v -> TimeAndId.key(v.issueTime(), v.id().toString()),
                (key, limit) -> transactions.inCommission(caller, commission, () -> {
                    TimeAndId before = TimeAndId.of(key);
                    return payouts.vouchersOf(member, before == null ? Instant.parse("9999-12-31T00:00:00Z") : before.time(),
                                    before == null ? new UUID(-1, -1) : PageTokens.uuid(before.id()), limit).stream()
                            .map(v -> new SeenVoucher(v.id(), v.supplier(), v.valuePence(), theMember ? code(commission, v) : null,
                                    v.claim(), v.issueTime()))
                            .toList();
                }));
    }

    /**
     * Pays the approved claims waiting for {@code method}: by bank transfer, a payout waiting for the bank
     * (the file is made from it); in vouchers, given at once.
     *
     * @throws ChorusException FAILED_PRECONDITION ({@code NOTHING_TO_PAY}) when no claim can be paid this way now
     */
    public Payout create(Caller caller, String commission, Payout.Method method) {
        mayPay(caller, commission);
        return transactions.inCommission(caller, commission, () -> {
            // One payout at a time in a commission: two at once would both take the same claims.
            payouts.lockPayouts();
            List<Claim> owed = claims.waitingToBePaid(MOST_CLAIMS_PER_PAYOUT).stream().filter(c -> paidBy(c) == method).toList();
            List<NewEvent> events = new ArrayList<>();
            UUID id = UUID.randomUUID();
            Instant now = now();
            List<Payout.Item> items = new ArrayList<>();
            Map<String, Boolean> hasBankDetails = new HashMap<>();
            for (Claim claim : owed) {
                long amount = method == Payout.Method.BANK_TRANSFER
                        ? (hasBankDetails.computeIfAbsent(claim.member(), m -> payouts.bankDetails(m).isPresent()) ? claim.payment().leftPence() : 0)
                        : giveVouchers(caller, id, claim, now, events);
                if (amount > 0) {
                    items.add(new Payout.Item(claim.id(), claim.member(), amount,
                            method == Payout.Method.VOUCHERS ? Payout.ItemState.PAID : Payout.ItemState.WAITING, null));
                }
            }
            if (items.isEmpty()) {
                throw ChorusException.failedPrecondition("NOTHING_TO_PAY", method == Payout.Method.BANK_TRANSFER
                        ? "No approved claim can be paid by bank transfer now: none is waiting, or the members have not given bank details yet."
                        : "No approved claim can be paid in vouchers now: none is waiting, or no voucher left is small enough.");
            }
            long total = items.stream().mapToLong(Payout.Item::amountPence).sum();
            boolean given = method == Payout.Method.VOUCHERS;
            Payout payout = new Payout(id, commission, method, given ? Payout.State.DONE : Payout.State.SENT_TO_BANK, total, items,
                    caller.subject(), now, given ? caller.subject() : null, given ? now : null, 1, owed.size() - items.size());
            payouts.insert(payout);
            events.forEach(outbox::append);
            return payout;
        });
    }

    /** One payout. */
    public Payout get(Caller caller, String commission, UUID id) {
        mayPay(caller, commission);
        return transactions.inCommission(caller, commission, () -> payouts.find(id).orElseThrow(PayoutService::notFound));
    }

    /** One page of the commission's payouts, newest first. */
    public Page<Payout> list(Caller caller, String commission, int pageSize, String pageToken) {
        mayPay(caller, commission);
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "payouts:" + commission,
                p -> TimeAndId.key(p.createTime(), p.id().toString()),
                (key, limit) -> transactions.inCommission(caller, commission, () -> {
                    TimeAndId before = TimeAndId.of(key);
                    return payouts.listBefore(before == null ? Instant.parse("9999-12-31T00:00:00Z") : before.time(),
                            before == null ? new UUID(-1, -1) : PageTokens.uuid(before.id()), limit);
                }));
    }

    /** A bank-transfer payout's file for the bank, with the members' bank details opened. */
    public BankFile file(Caller caller, String commission, UUID id) {
        mayPay(caller, commission);
        return transactions.inCommission(caller, commission, () -> {
            Payout payout = payouts.find(id).orElseThrow(PayoutService::notFound);
            if (payout.method() != Payout.Method.BANK_TRANSFER) {
                throw ChorusException.failedPrecondition("INVALID_PAYOUT", "Only a payout by bank transfer has a file for the bank.");
            }
            Map<String, BankDetails> accounts = new HashMap<>();
            for (Payout.Item item : payout.items()) {
                payouts.bankDetails(item.member())
                        .flatMap(d -> personalKeys.openText(item.member(), BANK_DETAILS, d.sealed()))
                        .ifPresent(text -> accounts.put(item.member(), BankDetails.unsealed(text)));
            }
            return BankFile.of(payout, accounts, LocalDate.ofInstant(payout.createTime(), ZoneOffset.UTC));
        });
    }

    /**
     * Marks a bank-transfer payout paid: each claim in it is paid from the member's owed account, except
     * those the bank could not pay, which are owed again with the reason.
     *
     * @param failures the claims the bank could not pay, with the reason for the member
     */
    public Payout markPaid(Caller caller, String commission, UUID id, String etag, Map<UUID, String> failures) {
        mayPay(caller, commission);
        return transactions.inCommission(caller, commission, () -> {
            Payout payout = payouts.find(id).orElseThrow(PayoutService::notFound);
            if (payout.state() == Payout.State.DONE) {
                throw ChorusException.failedPrecondition("PAYOUT_CLOSED", "This payout was marked paid already.");
            }
            if (!payout.etag().equals(etag)) {
                throw ChorusException.aborted("STALE_ETAG", "This payout changed since you read it. Read it again, then try again.");
            }
            Set<UUID> inIt = new HashSet<>();
            payout.items().forEach(item -> inIt.add(item.claim()));
            Violations violations = new Violations();
            failures.keySet().forEach(claim -> violations.check(inIt.contains(claim), "failures",
                    "Claim " + claim + " is not in this payout."));
            violations.throwIfAny("INVALID_PAYOUT", "The failed payments must be claims in this payout.");
            Instant now = now();
            List<Payout.Item> items = new ArrayList<>();
            List<NewEvent> events = new ArrayList<>();
            for (Payout.Item item : payout.items()) {
                Claim claim = claims.find(item.claim()).orElseThrow();
                String failure = failures.get(item.claim());
                Claim.Payment was = claim.payment();
                Claim next;
                if (failure != null) {
                    next = claim.next(claim.state(), claim.paymentMethod(), claim.rejectionReason(), claim.approvals(),
                            new Claim.Payment(was.owedPence(), was.paidPence(), null, failure));
                    items.add(new Payout.Item(item.claim(), item.member(), item.amountPence(), Payout.ItemState.FAILED, failure));
                } else {
                    ledger.post(Transfer.idFor("paid:" + payout.id(), claim.id()), Account.of(Account.Kind.OWED, claim.member()),
                            Account.of(Account.Kind.PAID_OUT), item.amountPence(), "PAID", claim.resourceName());
                    next = paidSoFar(claim, item.amountPence());
                    items.add(new Payout.Item(item.claim(), item.member(), item.amountPence(), Payout.ItemState.PAID, null));
                }
                update(next);
                events.addAll(paymentEvents(failure == null ? "payment.made" : "payment.failed", payout.resourceName(), payout.method(),
                        next, item.amountPence(), failure == null, caller, now));
            }
            Payout done = new Payout(payout.id(), commission, payout.method(), Payout.State.DONE, payout.totalPence(), items,
                    payout.createdBy(), payout.createTime(), caller.subject(), now, payout.version() + 1, payout.claimsLeftOut());
            if (!payouts.update(done)) {
                throw ChorusException.aborted("STALE_ETAG", "Someone else changed this payout just now. Read it again, then try again.");
            }
            events.forEach(outbox::append);
            return done;
        });
    }

    @Override
    public String part() {
        return "bank_details";
    }

    @Override
    public Object export(String commission, String member, String reader) {
        return payouts.bankDetails(member).map(d -> Map.of("account", BankDetails.masked(d.accountEnding()),
                "updated", d.updateTime().toString())).orElse(null);
    }

    @Override
    public void erase(String commission, String member) {
        payouts.deleteBankDetails(member);
    }

    /** Gives the claim vouchers from the stock, the most valuable first, up to what is owed; returns their value. */
    private long giveVouchers(Caller caller, UUID payout, Claim claim, Instant now, List<NewEvent> events) {
        long left = claim.payment().leftPence();
        long given = 0;
        Optional<StoredVoucher> taken;
        while (given < left && (taken = payouts.takeVoucher(left - given)).isPresent()) {
            StoredVoucher voucher = taken.get();
            payouts.issueVoucher(voucher.id(), claim.id(), payout, now);
            // The voucher leaves the stock (bought from the budget already), and settles what the member is owed.
            ledger.post(Transfer.idFor("voucher", voucher.id()), Account.of(Account.Kind.VOUCHERS), Account.of(Account.Kind.PAID_OUT),
                    voucher.valuePence(), "VOUCHER_ISSUED", claim.resourceName());
            ledger.post(Transfer.idFor("voucher-settles", voucher.id()), Account.of(Account.Kind.OWED, claim.member()),
                    Account.of(Account.Kind.BUDGET), voucher.valuePence(), "VOUCHER_ISSUED", claim.resourceName());
            given += voucher.valuePence();
        }
        if (given > 0) {
            Claim next = paidSoFar(claim, given);
            update(next);
            events.addAll(paymentEvents("voucher.issued", "commissions/" + claim.commission() + "/payouts/" + payout, Payout.Method.VOUCHERS,
                    next, given, true, caller, now));
        }
        return given;
    }

    /** The claim with {@code pence} more paid: paid in full (on today's date) when nothing is left. */
    private Claim paidSoFar(Claim claim, long pence) {
        Claim.Payment was = claim.payment();
        long paid = was.paidPence() + pence;
        boolean full = paid == was.owedPence();
        return claim.next(full ? Claim.State.PAID : claim.state(), claim.paymentMethod(), claim.rejectionReason(), claim.approvals(),
                new Claim.Payment(was.owedPence(), paid, full ? today() : null, null));
    }

    private void update(Claim next) {
        if (!claims.update(next)) {
            throw ChorusException.aborted("STALE_ETAG", "Someone else changed a claim in this payout just now. Try again.");
        }
    }

    /**
     * The events of one payment. They are appended after every ledger posting of the payout: each transaction takes
     * the ledger's account locks before the feed's counter, so a payout and an approval never wait on each other in
     * a circle.
     */
    private static List<NewEvent> paymentEvents(String type, String payout, Payout.Method method, Claim claim, long pence,
                                                boolean succeeded, Caller caller, Instant time) {
        List<NewEvent> events = new ArrayList<>();
        events.add(new NewEvent(type, claim.resourceName(), caller.subject(), time, PaymentMade.newBuilder()
                .setClaim(claim.resourceName()).setMember(claim.memberName()).setPayout(payout)
                .setMethod(method.name()).setAmountPence(pence).setSucceeded(succeeded).build()));
        if (claim.state() == Claim.State.PAID) {
            events.add(new NewEvent("claim.paid", claim.resourceName(), caller.subject(), time, ClaimChanged.newBuilder()
                    .setMember(claim.memberName()).setKind(claim.kind().name()).setAmountPence(claim.amountPence())
                    .setMinutes(claim.minutes() == null ? 0 : claim.minutes()).setState(claim.state().name())
                    .setApprovals(claim.approvals().size()).build()));
        }
        return events;
    }

    /** How an approved claim with money owed is paid: in vouchers when chosen, else by bank transfer. */
    private static Payout.Method paidBy(Claim claim) {
        return "VOUCHERS".equals(claim.paymentMethod()) ? Payout.Method.VOUCHERS : Payout.Method.BANK_TRANSFER;
    }

    private String code(String commission, StoredVoucher voucher) {
        return new String(serviceKeys.open(voucher.code(), voucherData(commission, voucher.id())), StandardCharsets.UTF_8);
    }

    private static byte[] voucherData(String commission, UUID voucher) {
        return ("voucher:" + commission + ":" + voucher).getBytes(StandardCharsets.UTF_8);
    }

    private static MaskedBankDetails masked(StoredBankDetails stored) {
        return new MaskedBankDetails(stored.member(), BankDetails.masked(stored.accountEnding()), stored.updateTime());
    }

    private static void mayPay(Caller caller, String commission) {
        if (!handlesMoney(caller, commission)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's finance team and network coordinators pay people.");
        }
    }




    private static ChorusException notFound() {
        return ChorusException.notFound("PAYOUT_NOT_FOUND", "There is no such payout in this commission. Check the name and try again.");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

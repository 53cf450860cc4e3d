package org.chorus.payments.policy;

import static org.chorus.payments.MoneyRoles.handlesMoney;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.payments.guidance.Money;
import org.chorus.payments.guidance.RulesBook;
import org.chorus.payments.policy.PaymentPolicy.RateBasis;
import org.chorus.payments.v1.PaymentPolicyRevised;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/**
 * Each commission's payment policy: read as it applies on a day (with that day's rate), and revised
 * by network coordinators or the commission's finance role. A revision applies from its date, today
 * or later, so nothing already claimed changes; every revision is kept and published.
 */
@Service
public class PaymentPolicyService {

    /** The event type published for each revision; its payload is a {@code PaymentPolicyRevised}. */
    static final String REVISED = "payment_policy.revised";
    /** The fields a revision can change, in the contract's names. */
    public static final List<String> CHANGEABLE = List.of("effective_date", "rate_basis", "hourly_rate", "preparation_minutes",
            "travel_time_paid", "covered_expenses", "budget");
    static final int DEFAULT_PAGE_SIZE = 25;

    /** The policy that applies on a day, and its hourly rate that day. */
    public record Applying(PaymentPolicy policy, PaymentPolicy.Rate rate, LocalDate day) {
    }

    private final PaymentPolicyRepository policies;
    private final RulesBook rules;
    private final CommissionTransactions transactions;
    private final EventOutbox outbox;
    private final Clock clock;

    public PaymentPolicyService(PaymentPolicyRepository policies, RulesBook rules, CommissionTransactions transactions, EventOutbox outbox,
                                Clock clock) {
        this.policies = policies;
        this.rules = rules;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The policy that applies on {@code day} (today when null), with that day's rate. */
    public Applying on(Caller caller, String commission, LocalDate day) {
        LocalDate when = day == null ? today() : day;
        return transactions.inCommission(caller, commission, () -> inTransaction(when));
    }

    /** The policy that applies on {@code day}, with that day's rate, inside a commission transaction already open. */
    public Applying inTransaction(LocalDate day) {
        PaymentPolicy policy = policies.on(day).orElse(PaymentPolicy.initial());
        return new Applying(policy, policy.hourlyRate(rules.require(day, "date")), day);
    }

    /**
     * Makes a new revision from the latest, with the fields in {@code fields} taken from {@code sent}.
     *
     * @param etag the etag last read, or blank to revise regardless
     */
    public Applying revise(Caller caller, String commission, Set<String> fields, PaymentPolicy sent, String etag) {
        if (!handlesMoney(caller, commission)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "Only network coordinators and the commission's finance team can change how people are paid.");
        }
        LocalDate today = today();
        LocalDate effective = fields.contains("effective_date") && sent.effectiveDate() != null ? sent.effectiveDate() : today;
        Violations violations = new Violations();
        violations.check(!effective.isBefore(today), "payment_policy.effective_date",
                "A change applies from today or a later day, so that nothing already claimed changes.");
        var wageThatDay = rules.require(effective, "payment_policy.effective_date").livingWage(false).value().pence();
        PaymentPolicy revised = transactions.inCommission(caller, commission, () -> {
            PaymentPolicy latest = policies.latest().orElse(PaymentPolicy.initial());
            if (etag != null && !etag.isBlank() && !etag.equals(latest.etag())) {
                throw ChorusException.aborted("STALE_ETAG", "The payment policy changed since you read it. Read it again, then make your change.");
            }
            RateBasis basis = fields.contains("rate_basis") ? sent.rateBasis() : latest.rateBasis();
            Long rate = basis != RateBasis.CUSTOM ? null : fields.contains("hourly_rate") ? sent.customRatePence() : latest.customRatePence();
            PaymentPolicy next = new PaymentPolicy(latest.revision() + 1, effective, basis, rate,
                    fields.contains("preparation_minutes") ? sent.preparationMinutes() : latest.preparationMinutes(),
                    fields.contains("travel_time_paid") ? sent.travelTimePaid() : latest.travelTimePaid(),
                    fields.contains("covered_expenses") ? sent.coveredExpenses() : latest.coveredExpenses(),
                    fields.contains("budget") ? sent.budgetPence() : latest.budgetPence(),
                    now(), caller.subject());
            check(next, wageThatDay, violations);
            violations.throwIfAny("INVALID_PAYMENT_POLICY", "Some of the payment policy needs changing: see each field.");
            if (!policies.insert(next)) {
                throw ChorusException.aborted("STALE_ETAG", "Someone else changed the payment policy just now. Read it again, then try again.");
            }
            outbox.append(new NewEvent(REVISED, "commissions/" + commission + "/paymentPolicy", caller.subject(), next.createTime(),
                    event(next)));
            return next;
        });
        return new Applying(revised, revised.hourlyRate(rules.require(effective, "payment_policy.effective_date")), effective);
    }

    /** Every revision, newest first: for coordinators, facilitators and finance. */
    public Page<PaymentPolicy> revisions(Caller caller, String commission, int pageSize, String pageToken) {
        if (!caller.holdsAnyIn(commission, Set.of(Role.FACILITATOR, Role.FINANCE))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators, finance team and coordinators can see this.");
        }
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "policyRevisions:" + commission,
                policy -> String.valueOf(policy.revision()),
                (key, limit) -> transactions.inCommission(caller, commission,
                        () -> policies.before(key.isEmpty() ? Integer.MAX_VALUE : PageTokens.number(key, 0), limit)));
    }

    private static void check(PaymentPolicy p, long wagePence, Violations violations) {
        if (p.rateBasis() == RateBasis.CUSTOM) {
            violations.check(p.customRatePence() != null, "payment_policy.hourly_rate", "Give the hourly rate the commission pays.");
            if (p.customRatePence() != null) {
                violations.check(p.customRatePence() >= wagePence, "payment_policy.hourly_rate",
                        "The hourly rate must be at least the real Living Wage on the day it applies from, "
                                + Money.ofPence(wagePence) + ".");
                violations.check(p.customRatePence() <= PaymentPolicy.MAX_RATE_PENCE, "payment_policy.hourly_rate",
                        "The hourly rate can be up to £200.");
            }
        }
        violations.check(p.preparationMinutes() >= 0 && p.preparationMinutes() <= PaymentPolicy.MAX_PREPARATION_MINUTES,
                "payment_policy.preparation_minutes", "Preparation time is 0 to 240 minutes a session.");
        p.coveredExpenses().forEach((kind, limit) -> violations.check(limit > 0 && limit <= PaymentPolicy.MAX_EXPENSE_PENCE,
                "payment_policy.covered_expenses", "The limit for each kind of cost is more than £0 and up to £1,000."));
        violations.check(p.budgetPence() == null || p.budgetPence() >= 0 && p.budgetPence() <= PaymentPolicy.MAX_BUDGET_PENCE,
                "payment_policy.budget", "The budget is £0 to £10,000,000.");
    }

    private static PaymentPolicyRevised event(PaymentPolicy p) {
        PaymentPolicyRevised.Builder event = PaymentPolicyRevised.newBuilder()
                .setRevision(p.revision())
                .setEffectiveDate(p.effectiveDate().toString())
                .setRateBasis(p.rateBasis().name())
                .setCustomRatePence(p.customRatePence() == null ? 0 : p.customRatePence());
        if (p.budgetPence() != null) {
            event.setBudgetPence(p.budgetPence());
        }
        return event.build();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}

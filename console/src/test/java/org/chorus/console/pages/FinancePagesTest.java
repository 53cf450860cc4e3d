package org.chorus.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chorus.console.text.Pounds;
import org.chorus.payments.v1.LedgerSummary;
import org.chorus.payments.v1.PaymentPolicy;
import org.chorus.payments.v1.PaymentPolicy.CoveredExpense;
import org.chorus.payments.v1.PaymentPolicy.ExpenseKind;
import org.chorus.payments.v1.PaymentPolicy.RateBasis;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The pure parts of the finance and coordinator pages: voucher codes, failed payments, the policy form, what is left. */
class FinancePagesTest {

    @Test
    void codesAreOneALineWithBlankLinesAndSpacesIgnored() {
        assertThat(VoucherCodes.lines("  COOP-1001 \r\n\nCOOP-1002\n   \n")).containsExactly("COOP-1001", "COOP-1002");
        assertThat(VoucherCodes.lines(null)).isEmpty();
    }

    @Test
    void theFirstWrongCodeIsNamed() {
        assertThat(VoucherCodes.problem(List.of())).contains(new VoucherCodes.Problem("vouchers.codes.missing", null));
        assertThat(VoucherCodes.problem(List.of("COOP-1001", "no spaces allowed")))
                .contains(new VoucherCodes.Problem("vouchers.codes.invalid", "no spaces allowed"));
        assertThat(VoucherCodes.problem(List.of("COOP-1001", "COOP-1002", "COOP-1001")))
                .contains(new VoucherCodes.Problem("vouchers.codes.twice", "COOP-1001"));
        assertThat(VoucherCodes.problem(List.of("COOP-1001", "COOP-1002"))).isEmpty();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add("CODE-" + i);
        }
        assertThat(VoucherCodes.problem(many)).contains(new VoucherCodes.Problem("vouchers.codes.tooMany", null));
    }

    @Test
    void theCodeLoadedBeforeIsFoundFromWhereThePlatformPoints() {
        List<String> sent = List.of("COOP-1001", "COOP-1002", "COOP-1003");
        assertThat(VoucherCodes.loadedBefore("The code at codes[2] was loaded before. Each code is loaded once.", sent))
                .contains("COOP-1003");
        assertThat(VoucherCodes.loadedBefore("The code at codes[7] was loaded before.", sent)).isEmpty();
        assertThat(VoucherCodes.loadedBefore("Some code was loaded before.", sent)).isEmpty();
        assertThat(VoucherCodes.loadedBefore(null, sent)).isEmpty();
    }

    @Test
    void aTickedPaymentNeedsAReasonAndOnlyPageIdsAreTaken() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("etag", "\"3\"");
        form.add("requestId", "5d6b7a52-4a8e-4c43-9b9e-2f0c5e0f6a11");
        form.add("failed", "claim-a");
        form.add("failed", "claim-b");
        form.add("failed", "../payouts/other");
        form.add("reason-claim-a", "  The bank says the account is closed. ");
        form.add("reason-claim-b", "   ");
        form.add("reason-claim-c", "Not ticked, so not sent.");

        PayoutFailures failures = PayoutFailures.from(form);

        assertThat(failures.failed()).containsExactly("claim-a", "claim-b");
        assertThat(failures.withoutReason()).containsExactly("claim-b");
        assertThat(failures.reasons()).containsEntry("claim-a", "The bank says the account is closed.").doesNotContainKey("claim-c");
        assertThat(failures.etag()).isEqualTo("\"3\"");
        assertThat(failures.ticked("claim-a")).isTrue();
        assertThat(failures.ticked("claim-c")).isFalse();
        assertThat(failures.again().requestId()).isNotEqualTo(failures.requestId());
    }

    @Test
    void nothingTickedMarksEveryPaymentPaid() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("etag", "\"1\"");

        PayoutFailures failures = PayoutFailures.from(form);

        assertThat(failures.reasons()).isEmpty();
        assertThat(failures.withoutReason()).isEmpty();
    }

    @Test
    void theChangeFormStartsFromTheLatestRevisionAndToday() {
        PaymentPolicy latest = PaymentPolicy.newBuilder()
                .setRateBasis(RateBasis.CUSTOM).setHourlyRate(Pounds.money(1450)).setPreparationMinutes(30).setTravelTimePaid(true)
                .addCoveredExpenses(CoveredExpense.newBuilder().setKind(ExpenseKind.CHILDCARE).setLimitPerClaim(Pounds.money(4000)))
                .setBudget(Pounds.money(500_000)).setEtag("\"7\"").build();

        PolicyForm form = PolicyForm.of(latest, LocalDate.of(2026, 4, 1));

        assertThat(List.of(form.day(), form.month(), form.year())).containsExactly("1", "4", "2026");
        assertThat(form.rateBasis()).isEqualTo("CUSTOM");
        assertThat(form.hourlyRate()).isEqualTo("14.50");
        assertThat(form.preparationMinutes()).isEqualTo("30");
        assertThat(form.travelTimePaid()).isEqualTo("yes");
        assertThat(form.limit("CHILDCARE")).isEqualTo("40.00");
        assertThat(form.limit("TRAVEL")).isEmpty();
        assertThat(form.budget()).isEqualTo("5000.00");
        assertThat(form.etag()).isEqualTo("\"7\"");
    }

    @Test
    void aFilledFormBecomesTheWholeNewRevision() {
        PolicyForm form = PolicyForm.from(sent(Map.of("day", "1", "month", "4", "year", "2026", "rateBasis", "REAL_LIVING_WAGE",
                "hourlyRate", "99", "preparationMinutes", "30", "travelTimePaid", "no", "limit-TRAVEL", "30", "budget", "£2,000",
                "etag", "\"2\"")));
        List<String> problems = new ArrayList<>();

        form.check((field, key) -> problems.add(field));
        PaymentPolicy revision = form.revision("leeds");

        assertThat(problems).isEmpty();
        assertThat(revision.getName()).isEqualTo("commissions/leeds/paymentPolicy");
        assertThat(revision.getEffectiveDate().getDay()).isEqualTo(1);
        assertThat(revision.getEffectiveDate().getMonth()).isEqualTo(4);
        assertThat(revision.getRateBasis()).isEqualTo(RateBasis.REAL_LIVING_WAGE);
        assertThat(revision.hasHourlyRate()).as("a rate is sent only for the commission's own").isFalse();
        assertThat(revision.getTravelTimePaid()).isFalse();
        assertThat(revision.getCoveredExpensesList()).extracting(CoveredExpense::getKind).containsExactly(ExpenseKind.TRAVEL);
        assertThat(Pounds.pence(revision.getBudget())).isEqualTo(200_000);
        assertThat(revision.getEtag()).isEqualTo("\"2\"");
        assertThat(PolicyForm.everyField().getPathsList()).contains("budget", "covered_expenses", "effective_date");
    }

    @Test
    void anEmptyBudgetMeansNone() {
        PolicyForm form = PolicyForm.from(sent(Map.of("day", "1", "month", "4", "year", "2026", "rateBasis", "REAL_LIVING_WAGE_LONDON",
                "preparationMinutes", "0", "travelTimePaid", "yes")));

        assertThat(form.revision("leeds").hasBudget()).isFalse();
        assertThat(form.revision("leeds").getCoveredExpensesCount()).isZero();
    }

    @Test
    void eachWrongAnswerIsNamedOnce() {
        PolicyForm form = PolicyForm.from(sent(Map.of("day", "31", "month", "2", "year", "2026", "rateBasis", "CUSTOM",
                "hourlyRate", "lots", "preparationMinutes", "300", "limit-MEALS", "0", "budget", "a lot")));
        List<String> problems = new ArrayList<>();

        form.check((field, key) -> problems.add(field + ":" + key));

        assertThat(problems).containsExactly("day:budget.change.day.invalid", "hourlyRate:budget.change.hourlyRate.invalid",
                "preparationMinutes:budget.change.preparation.invalid", "travelTimePaid:budget.change.travelTime.missing",
                "limit-MEALS:budget.change.limit.invalid", "budget:budget.change.budget.invalid");
    }

    @Test
    void whatIsLeftIsTheBudgetLessWhatWasSpent() {
        PaymentPolicy policy = PaymentPolicy.newBuilder().setBudget(Pounds.money(500_000)).build();
        LedgerSummary ledger = LedgerSummary.newBuilder().setBudgetSpent(Pounds.money(12_345)).setTimeCreditMinutes(150)
                .setBalanced(true).build();

        BudgetController.Money money = BudgetController.money(policy, ledger);

        assertThat(money.left()).isEqualTo("£4,876.55");
        assertThat(money.spent()).isEqualTo("£123.45");
        assertThat(money.creditHours()).isEqualTo(2);
        assertThat(money.creditMinutes()).isEqualTo(30);
        assertThat(BudgetController.money(PaymentPolicy.getDefaultInstance(), ledger).left()).as("no budget, nothing to count down").isEmpty();
    }

    @Test
    void everyPageOfAListIsReadUntilTheLastOne() {
        Map<String, List<String>> pages = Map.of("", List.of("a", "b"), "2", List.of("c"), "3", List.of("d"));
        Map<String, String> next = Map.of("", "2", "2", "3", "3", "");

        List<String> all = Paging.all(token -> token, pages::get, next::get);

        assertThat(all).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aFormsRequestIdIsKeptAndAMissingOneIsMade() {
        assertThat(RequestIds.orFresh("5d6b7a52-4a8e-4c43-9b9e-2f0c5e0f6a11")).isEqualTo("5d6b7a52-4a8e-4c43-9b9e-2f0c5e0f6a11");
        assertThat(RequestIds.orFresh(" ")).hasSize(36).isNotEqualTo(RequestIds.orFresh(null));
    }

    private static MultiValueMap<String, String> sent(Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return form;
    }
}

package org.chorus.payments.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chorus.payments.LeedsPayments.LEEDS;
import static org.chorus.payments.LeedsPayments.subject;
import static org.chorus.payments.LeedsPayments.token;
import static org.chorus.testrig.GrpcAssertions.assertStatus;
import static org.chorus.testrig.GrpcAssertions.violatedFields;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.chorus.payments.LeedsPayments;
import org.chorus.payments.v1.ApproveClaimRequest;
import org.chorus.payments.v1.BankDetails;
import org.chorus.payments.v1.Claim;
import org.chorus.payments.v1.CreateClaimRequest;
import org.chorus.payments.v1.CreatePayoutRequest;
import org.chorus.payments.v1.GetBankDetailsRequest;
import org.chorus.payments.v1.GetClaimRequest;
import org.chorus.payments.v1.GetLedgerSummaryRequest;
import org.chorus.payments.v1.GetPayoutFileRequest;
import org.chorus.payments.v1.GetVoucherStockRequest;
import org.chorus.payments.v1.LedgerServiceGrpc;
import org.chorus.payments.v1.LedgerSummary;
import org.chorus.payments.v1.ListMemberTransfersRequest;
import org.chorus.payments.v1.ListVouchersRequest;
import org.chorus.payments.v1.LoadVouchersRequest;
import org.chorus.payments.v1.MarkPayoutPaidRequest;
import org.chorus.payments.v1.PaymentsServiceGrpc;
import org.chorus.payments.v1.Payout;
import org.chorus.payments.v1.PayoutsServiceGrpc.PayoutsServiceBlockingStub;
import org.chorus.payments.v1.PayoutsServiceGrpc;
import org.chorus.payments.v1.UpdateBankDetailsRequest;
import org.chorus.payments.v1.Voucher;
import org.chorus.payments.v1.VoucherStock;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.protos.ProtoMoney;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.testrig.Bearer;
import org.chorus.testrig.UseRealKeycloak;
import org.chorus.testrig.UseRealPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.test.autoconfigure.AutoConfigureTestGrpcTransport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * Paying people over the in-process gRPC transport, on a real PostgreSQL and a real Keycloak: by bank
 * transfer (the member's own bank details, masked; the file for the bank; marked paid, a failed payment
 * owed again with its reason), in vouchers (loaded once, each given once, never more than is owed), and
 * settled at approval (a donation). The ledger balances after every step.
 */
@SpringBootTest
@AutoConfigureTestGrpcTransport
@UseRealPostgres(database = "payments")
@UseRealKeycloak
class PayoutGrpcServiceTest {

    static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    static final String TODAY = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));

    @Autowired
    GrpcChannelFactory channels;
    @Autowired
    CommissionSchemaProvisioner schemas;

    final LeedsPayments leeds = new LeedsPayments();
    String sam;

    @BeforeEach
    void leedsHasNoMoneyMoving() {
        schemas.provision("leeds");
        leeds.empty();
        sam = subject(token("sam"));
    }

    @AfterEach
    void theLedgerBalances() {
        assertThat(leeds.balanced()).as("Σ debits = Σ credits in every unit").isTrue();
    }

    @Test
    void onlyTheMemberSetsTheirBankDetailsAndEveryoneReadsThemMasked() {
        var sent = bankDetails(sam, "Sam Example", "12-34-56", "1234 5678");
        assertThatThrownBy(() -> as("fin").updateBankDetails(sent))
                .as("nobody can send a member's pay somewhere else").satisfies(e -> assertStatus(e, Status.Code.PERMISSION_DENIED, "NOT_ALLOWED"));
        assertThatThrownBy(() -> as("sam").updateBankDetails(bankDetails(sam, "Sam Example", "12-34", "123")))
                .satisfies(e -> {
                    assertStatus(e, Status.Code.INVALID_ARGUMENT, "INVALID_BANK_DETAILS");
                    assertThat(violatedFields(e)).containsExactlyInAnyOrder("bank_details.sort_code", "bank_details.account_number");
                });

        BankDetails saved = as("sam").updateBankDetails(sent);

        assertThat(saved.getMasked()).isEqualTo("account ending 78");
        assertThat(saved.getAccountNumber()).isEmpty();
        assertThat(as("fin").getBankDetails(GetBankDetailsRequest.newBuilder().setName(saved.getName()).build()).getMasked())
                .isEqualTo("account ending 78");
        byte[] stored = leeds.owner.sql("SELECT sealed FROM commission_leeds.bank_details").query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("sealed at rest").doesNotContain("12345678").doesNotContain("Sam");
    }

    @Test
    void aBankPayoutMakesTheFileAndMarkingItPaidMovesTheLedgerWhileAFailedPaymentIsOwedAgain() {
        leeds.choose(sam, "BANK_TRANSFER");
        as("sam").updateBankDetails(bankDetails(sam, "Sam Exämple-Jones & Co of Leeds", "12-34-56", "12345678"));
        Claim hour = approved(60);
        Claim twoHours = approved(120);
        assertThat(leeds.balance("owed:" + sam)).isEqualTo(1345 + 2690);

        Payout payout = as("fin").createPayout(payout(Payout.Method.BANK_TRANSFER));

        assertThat(payout.getState()).isEqualTo(Payout.State.SENT_TO_BANK);
        assertThat(payout.getTotal()).isEqualTo(ProtoMoney.gbp(4035));
        assertThat(payout.getItemsList()).extracting(Payout.Item::getState).containsOnly(Payout.Item.State.WAITING);
        assertThat(leeds.balance("owed:" + sam)).as("nothing moves until the bank has paid").isEqualTo(4035);
        String file = as("fin").getPayoutFile(GetPayoutFileRequest.newBuilder().setName(payout.getName()).build()).getContent()
                .toString(StandardCharsets.US_ASCII);
        assertThat(file.split("\r\n")).containsExactlyInAnyOrder(
                "Name,Sort code,Account number,Amount,Reference",
                "SAM EXAMPLE-JONES,123456,12345678,13.45,CHORUS " + id(hour).substring(0, 8).toUpperCase(Locale.ROOT),
                "SAM EXAMPLE-JONES,123456,12345678,26.90,CHORUS " + id(twoHours).substring(0, 8).toUpperCase(Locale.ROOT));
        assertThatThrownBy(() -> as("fin").createPayout(payout(Payout.Method.BANK_TRANSFER)))
                .as("claims waiting for the bank are in no second payout")
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOTHING_TO_PAY"));

        Payout done = as("fin").markPayoutPaid(MarkPayoutPaidRequest.newBuilder().setName(payout.getName()).setEtag(payout.getEtag())
                .setRequestId(UUID.randomUUID().toString())
                .addFailures(MarkPayoutPaidRequest.Failure.newBuilder().setClaim(twoHours.getName())
                        .setReason("The bank says the account number is not right.")).build());

        assertThat(done.getState()).isEqualTo(Payout.State.DONE);
        assertThat(claim(hour).getState()).isEqualTo(Claim.State.PAID);
        assertThat(claim(hour).getStateReason()).isEqualTo("Paid on " + TODAY + " by bank transfer.");
        assertThat(claim(twoHours).getState()).isEqualTo(Claim.State.APPROVED);
        assertThat(claim(twoHours).getStateReason())
                .isEqualTo("Approved, but the last payment did not go through: The bank says the account number is not right. It will be paid again.");
        assertThat(leeds.balance("owed:" + sam)).isEqualTo(2690);
        assertThat(leeds.balance("paid_out")).isEqualTo(1345);
        assertThatThrownBy(() -> as("amara").markPayoutPaid(MarkPayoutPaidRequest.newBuilder().setName(done.getName())
                .setEtag(done.getEtag()).setRequestId(UUID.randomUUID().toString()).build()))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "PAYOUT_CLOSED"));

        Payout again = as("fin").createPayout(payout(Payout.Method.BANK_TRANSFER));
        assertThat(again.getItemsList()).extracting(Payout.Item::getClaim).containsExactly(twoHours.getName());
        as("fin").markPayoutPaid(MarkPayoutPaidRequest.newBuilder().setName(again.getName()).setEtag(again.getEtag())
                .setRequestId(UUID.randomUUID().toString()).build());
        assertThat(claim(twoHours).getState()).isEqualTo(Claim.State.PAID);
        assertThat(leeds.balance("owed:" + sam)).isZero();
        assertThat(leeds.balance("paid_out")).isEqualTo(4035);
        LedgerSummary summary = LedgerServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token("fin")))
                .getLedgerSummary(GetLedgerSummaryRequest.newBuilder().setName(LEEDS + "/ledger").build());
        assertThat(summary.getBalanced()).isTrue();
        assertThat(summary.getBudgetSpent()).isEqualTo(ProtoMoney.gbp(4035));
        assertThat(summary.getPaidOut()).isEqualTo(ProtoMoney.gbp(4035));
        assertThat(summary.getOwed()).isEqualTo(ProtoMoney.gbp(0));
        var statement = LedgerServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token("sam")))
                .listMemberTransfers(ListMemberTransfersRequest.newBuilder().setParent(LEEDS + "/members/" + sam).build());
        assertThat(statement.getTransfersList()).extracting(t -> t.getKind() + " " + ProtoMoney.pence(t.getAmount(), "amount", new Violations()))
                .as("newest first: each payment, each approval").containsExactly("PAID -2690", "PAID -1345", "CLAIM_APPROVED 2690",
                        "CLAIM_APPROVED 1345");
        assertThat(statement.getOwed()).isEqualTo(ProtoMoney.gbp(0));
        assertThat(leeds.owner.sql("SELECT type FROM commission_leeds.outbox_event WHERE type LIKE 'payment.%' OR type = 'claim.paid' "
                + "ORDER BY sequence").query(String.class).list())
                .containsExactlyInAnyOrder("payment.made", "claim.paid", "payment.failed", "payment.made", "claim.paid");
    }

    @Test
    void vouchersAreLoadedOnceAndGivenOnceNeverMoreThanIsOwedAndOnlyTheMemberSeesTheCodes() {
        VoucherStock stock = as("fin").loadVouchers(vouchers(1000, "COOP-1111", "COOP-2222"));
        assertThat(stock.getCount()).isEqualTo(2);
        as("fin").loadVouchers(vouchers(500, "COOP-3333"));
        assertThatThrownBy(() -> as("amara").loadVouchers(vouchers(1000, "COOP-4444", "COOP-2222")))
                .satisfies(e -> assertStatus(e, Status.Code.ALREADY_EXISTS, "VOUCHER_LOADED_ALREADY"));
        assertThat(stock().getCount()).as("nothing of a refused load is kept").isEqualTo(3);
        assertThat(leeds.balance("vouchers")).isEqualTo(2500);
        leeds.choose(sam, "VOUCHERS");
        Claim hour = approved(60);

        Payout given = as("fin").createPayout(payout(Payout.Method.VOUCHERS));

        assertThat(given.getState()).isEqualTo(Payout.State.DONE);
        assertThat(given.getTotal()).as("£10, then the £5 would be more than the £3.45 left").isEqualTo(ProtoMoney.gbp(1000));
        assertThat(claim(hour).getStateReason()).isEqualTo("£10 of it is paid; £3.45 is still to be paid.");
        assertThat(stock().getCount()).isEqualTo(2);
        List<Voucher> samSees = as("sam").listVouchers(ListVouchersRequest.newBuilder().setParent(LEEDS + "/members/" + sam).build())
                .getVouchersList();
        assertThat(samSees).singleElement().satisfies(v -> {
            assertThat(v.getCode()).isEqualTo("COOP-1111");
            assertThat(v.getClaim()).isEqualTo(hour.getName());
        });
        assertThat(as("fin").listVouchers(ListVouchersRequest.newBuilder().setParent(LEEDS + "/members/" + sam).build()).getVouchers(0)
                .getCode()).as("finance sees the voucher, not its code").isEmpty();
        assertThat(leeds.balance("owed:" + sam)).isEqualTo(345);
        assertThat(leeds.balance("paid_out")).isEqualTo(1000);
        assertThat(leeds.balance("vouchers")).isEqualTo(1500);
        assertThatThrownBy(() -> as("fin").createPayout(payout(Payout.Method.VOUCHERS)))
                .satisfies(e -> assertStatus(e, Status.Code.FAILED_PRECONDITION, "NOTHING_TO_PAY"));
        assertThat(leeds.owner.sql("SELECT count(*) FROM commission_leeds.voucher WHERE position(convert_to('COOP', 'UTF8') IN sealed_code) > 0")
                .query(Integer.class).single()).as("codes are sealed at rest").isZero();
        assertThat(leeds.owner.sql("SELECT count(*) FROM commission_leeds.voucher").query(Integer.class).single())
                .as("the check above looked at every code").isEqualTo(3);
    }

    @Test
    void aDonationIsSettledWhenTheClaimIsApproved() {
        leeds.choose(sam, "DONATE");

        Claim hour = approved(60);

        assertThat(hour.getState()).isEqualTo(Claim.State.PAID);
        assertThat(hour.getStateReason()).isEqualTo("Given to the commission on " + TODAY + ", as you chose.");
        assertThat(leeds.balance("donations")).isEqualTo(1345);
        assertThat(leeds.balance("owed:" + sam)).isZero();
    }

    /** A claim of sam's for {@code minutes}, approved by fin and amara. */
    private Claim approved(int minutes) {
        var claims = PaymentsServiceGrpc.newBlockingStub(channels.createChannel("payments"));
        Claim made = claims.withInterceptors(Bearer.token(token("sam"))).createClaim(CreateClaimRequest.newBuilder().setParent(LEEDS)
                .setRequestId(UUID.randomUUID().toString()).setClaim(Claim.newBuilder().setMember(LEEDS + "/members/" + sam)
                        .setKind(Claim.Kind.TIME).setMinutes(minutes).setDescription("Getting ready for the meeting")
                        .setWorkDate(ProtoTime.date(YESTERDAY))).build());
        Claim once = claims.withInterceptors(Bearer.token(token("fin"))).approveClaim(approval(made));
        return claims.withInterceptors(Bearer.token(token("amara"))).approveClaim(approval(once));
    }

    private Claim claim(Claim claim) {
        return PaymentsServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token("sam")))
                .getClaim(GetClaimRequest.newBuilder().setName(claim.getName()).build());
    }

    private VoucherStock stock() {
        return as("fin").getVoucherStock(GetVoucherStockRequest.newBuilder().setName(LEEDS + "/voucherStock").build());
    }

    private static ApproveClaimRequest approval(Claim claim) {
        return ApproveClaimRequest.newBuilder().setName(claim.getName()).setEtag(claim.getEtag()).setRequestId(UUID.randomUUID().toString())
                .build();
    }

    private static UpdateBankDetailsRequest bankDetails(String member, String name, String sortCode, String accountNumber) {
        return UpdateBankDetailsRequest.newBuilder().setBankDetails(BankDetails.newBuilder()
                .setName(LEEDS + "/members/" + member + "/bankDetails").setAccountName(name).setSortCode(sortCode)
                .setAccountNumber(accountNumber)).build();
    }

    private static LoadVouchersRequest vouchers(long pence, String... codes) {
        return LoadVouchersRequest.newBuilder().setParent(LEEDS).setSupplier("Co-op").setValue(ProtoMoney.gbp(pence))
                .addAllCodes(List.of(codes)).setRequestId(UUID.randomUUID().toString()).build();
    }

    private static CreatePayoutRequest payout(Payout.Method method) {
        return CreatePayoutRequest.newBuilder().setParent(LEEDS).setPayout(Payout.newBuilder().setMethod(method))
                .setRequestId(UUID.randomUUID().toString()).build();
    }

    private static String id(Claim claim) {
        return claim.getName().substring(claim.getName().lastIndexOf('/') + 1);
    }

    private PayoutsServiceBlockingStub as(String username) {
        return PayoutsServiceGrpc.newBlockingStub(channels.createChannel("payments")).withInterceptors(Bearer.token(token(username)));
    }
}

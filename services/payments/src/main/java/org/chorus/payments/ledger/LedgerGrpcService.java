package org.chorus.payments.ledger;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import org.chorus.payments.v1.GetLedgerSummaryRequest;
import org.chorus.payments.v1.LedgerServiceGrpc;
import org.chorus.payments.v1.LedgerSummary;
import org.chorus.payments.v1.ListMemberTransfersRequest;
import org.chorus.payments.v1.ListMemberTransfersResponse;
import org.chorus.payments.v1.MemberTransfer;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoMoney;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The ledger's gRPC adapter: maps the contract to the reports and back, nothing else. */
@GrpcService
class LedgerGrpcService extends LedgerServiceGrpc.LedgerServiceImplBase {

    private static final ResourcePattern LEDGER = ResourcePattern.of("commissions/{commission}/ledger");

    private final LedgerReports reports;

    LedgerGrpcService(LedgerReports reports) {
        this.reports = reports;
    }

    @Override
    public void getLedgerSummary(GetLedgerSummaryRequest request, StreamObserver<LedgerSummary> response) {
        String commission = LEDGER.parse(request.getName(), "name").commission().value();
        LedgerReports.Summary summary = reports.summary(Callers.current(), commission);
        reply(response, LedgerSummary.newBuilder()
                .setName(LEDGER.format(commission))
                // The budget account is debited for what is spent: its balance is minus what was spent.
                .setBudgetSpent(ProtoMoney.gbp(-summary.of(Account.Kind.BUDGET)))
                .setOwed(ProtoMoney.gbp(summary.of(Account.Kind.OWED)))
                .setPaidOut(ProtoMoney.gbp(summary.of(Account.Kind.PAID_OUT)))
                .setVouchersInStock(ProtoMoney.gbp(summary.of(Account.Kind.VOUCHERS)))
                .setDonations(ProtoMoney.gbp(summary.of(Account.Kind.DONATIONS)))
                .setTimeCreditMinutes(summary.of(Account.Kind.TIME_CREDITS))
                .setBalanced(summary.balanced())
                .setAccounts(summary.accounts())
                .build());
    }

    @Override
    public void listMemberTransfers(ListMemberTransfersRequest request, StreamObserver<ListMemberTransfersResponse> response) {
        ResourceName member = ResourcePattern.MEMBER_NAME.parse(request.getParent(), "parent");
        String owed = Account.of(Account.Kind.OWED, member.last()).id();
        var statement = reports.statement(Callers.current(), member.commission().value(), member.last(), request.getPageSize(),
                request.getPageToken());
        var page = ListMemberTransfersResponse.newBuilder().setOwed(ProtoMoney.gbp(statement.owedPence()))
                .setNextPageToken(statement.transfers().nextPageToken());
        statement.transfers().items().forEach(t -> page.addTransfers(MemberTransfer.newBuilder()
                .setKind(t.kind())
                .setReference(t.reference())
                .setAmount(ProtoMoney.gbp(t.credit().id().equals(owed) ? t.amount() : -t.amount()))
                .setCreateTime(ProtoTime.timestamp(t.createTime()))));
        reply(response, page.build());
    }
}

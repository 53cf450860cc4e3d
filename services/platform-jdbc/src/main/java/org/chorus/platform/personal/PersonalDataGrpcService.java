package org.chorus.platform.personal;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.util.Map;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.security.Callers;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.platform.v1.ApplyConsentWithdrawalRequest;
import org.chorus.platform.v1.ApplyConsentWithdrawalResponse;
import org.chorus.platform.v1.ErasePersonalDataRequest;
import org.chorus.platform.v1.ErasePersonalDataResponse;
import org.chorus.platform.v1.ExportPersonalDataRequest;
import org.chorus.platform.v1.PersonalDataExport;
import org.chorus.platform.v1.PersonalDataServiceGrpc;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * What this service holds about one person, from each of its {@link PersonalDataHolder}s, and erasing
 * it: every holder erases its part, then the person's key is destroyed, in one transaction.
 */
public final class PersonalDataGrpcService extends PersonalDataServiceGrpc.PersonalDataServiceImplBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String service;
    private final CommissionTransactions transactions;
    private final PersonalDataKeys keys;
    private final ObjectProvider<PersonalDataHolder> holders;

    public PersonalDataGrpcService(String service, CommissionTransactions transactions, PersonalDataKeys keys,
                                   ObjectProvider<PersonalDataHolder> holders) {
        this.service = service;
        this.transactions = transactions;
        this.keys = keys;
        this.holders = holders;
    }

    @Override
    public void exportPersonalData(ExportPersonalDataRequest request, StreamObserver<PersonalDataExport> response) {
        ResourceName member = ResourcePattern.MEMBER_NAME.parse(request.getMember(), "member");
        String commission = member.commission().value();
        Map<String, Object> held = transactions.inCommission(Callers.current(), commission,
                () -> PersonalDataHolders.export(holders, commission, member.last(), request.getRequestedBy()));
        reply(response, PersonalDataExport.newBuilder().setService(service).setHoldsAny(!held.isEmpty())
                .setJson(JSON.writeValueAsString(held)).build());
    }

    @Override
    public void applyConsentWithdrawal(ApplyConsentWithdrawalRequest request, StreamObserver<ApplyConsentWithdrawalResponse> response) {
        ResourceName member = ResourcePattern.MEMBER_NAME.parse(request.getMember(), "member");
        String commission = member.commission().value();
        transactions.inCommission(Callers.current(), commission, () -> {
            holders.orderedStream().forEach(holder -> holder.withdrawn(commission, member.last(), request.getPurpose()));
            return null;
        });
        reply(response, ApplyConsentWithdrawalResponse.newBuilder().setService(service).build());
    }

    @Override
    public void erasePersonalData(ErasePersonalDataRequest request, StreamObserver<ErasePersonalDataResponse> response) {
        ResourceName member = ResourcePattern.MEMBER_NAME.parse(request.getMember(), "member");
        String commission = member.commission().value();
        boolean now = transactions.inCommission(Callers.current(), commission,
                () -> PersonalDataHolders.erase(holders, keys, commission, member.last()));
        reply(response, ErasePersonalDataResponse.newBuilder().setService(service).setErasedNow(now).build());
    }
}

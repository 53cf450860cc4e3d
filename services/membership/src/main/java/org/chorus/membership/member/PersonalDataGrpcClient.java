package org.chorus.membership.member;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chorus.platform.security.ServiceCredentials;
import org.chorus.platform.v1.ApplyConsentWithdrawalRequest;
import org.chorus.platform.v1.ErasePersonalDataRequest;
import org.chorus.platform.v1.ExportPersonalDataRequest;
import org.chorus.platform.v1.PersonalDataExport;
import org.chorus.platform.v1.PersonalDataServiceGrpc.PersonalDataServiceBlockingStub;
import org.chorus.platform.v1.PersonalDataServiceGrpc;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * Asks each other service, as this service (its own credentials), through the platform's
 * {@code PersonalDataService}: {@code chorus.membership.personal-data-services} lists them. A service
 * that cannot be reached fails the whole request, so an export is never silently short and an erasure
 * is never reported done when it is not; both are safe to repeat.
 */
@Component
class PersonalDataGrpcClient implements OtherServices {

    private static final long DEADLINE_SECONDS = 20;

    private final GrpcChannelFactory channels;
    private final ServiceCredentials credentials;
    private final List<String> services;

    PersonalDataGrpcClient(GrpcChannelFactory channels, ServiceCredentials credentials,
                           @Value("${chorus.membership.personal-data-services:commissions,payments}") List<String> services) {
        this.channels = channels;
        this.credentials = credentials;
        this.services = services.stream().filter(s -> !s.isBlank()).toList();
    }

    @Override
    public List<Held> export(String member, String requestedBy) {
        List<Held> held = new ArrayList<>();
        for (String service : services) {
            PersonalDataExport part = stub(service).exportPersonalData(ExportPersonalDataRequest.newBuilder()
                    .setMember(member).setRequestedBy(requestedBy).build());
            if (part.getHoldsAny()) {
                held.add(new Held(service, part.getJson()));
            }
        }
        return held;
    }

    @Override
    public List<String> erase(String member) {
        for (String service : services) {
            stub(service).erasePersonalData(ErasePersonalDataRequest.newBuilder().setMember(member).build());
        }
        return services;
    }

    @Override
    public void withdrawn(String member, String purpose) {
        for (String service : services) {
            stub(service).applyConsentWithdrawal(ApplyConsentWithdrawalRequest.newBuilder().setMember(member).setPurpose(purpose).build());
        }
    }

    private PersonalDataServiceBlockingStub stub(String service) {
        return PersonalDataServiceGrpc.newBlockingStub(channels.createChannel(service))
                .withCallCredentials(credentials)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
}

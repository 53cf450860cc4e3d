package org.chorus.reporting.impact;

import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.chorus.membership.v1.ConsentsServiceGrpc;
import org.chorus.membership.v1.GetCreditsRequest;
import org.chorus.platform.security.ServiceCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Asks membership for a commission's credits as this service, with a short deadline: a report never waits long for names. */
@Component
class CreditsGrpcClient implements Credits {

    private static final Logger log = LoggerFactory.getLogger(CreditsGrpcClient.class);
    private static final long DEADLINE_MILLIS = 1_500;

    private final GrpcChannelFactory channels;
    private final ServiceCredentials credentials;

    CreditsGrpcClient(GrpcChannelFactory channels, ServiceCredentials credentials) {
        this.channels = channels;
        this.credentials = credentials;
    }

    @Override
    public Optional<List<String>> of(String commission) {
        try {
            return Optional.of(ConsentsServiceGrpc.newBlockingStub(channels.createChannel("membership")).withCallCredentials(credentials)
                    .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .getCredits(GetCreditsRequest.newBuilder().setName("commissions/" + commission + "/credits").build())
                    .getNamesList());
        } catch (StatusRuntimeException unanswered) {
            log.warn("Membership did not give the credits of commission {}: {}", commission, unanswered.getStatus().getCode());
            return Optional.empty();
        }
    }
}

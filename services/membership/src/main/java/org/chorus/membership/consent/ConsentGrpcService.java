package org.chorus.membership.consent;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import org.chorus.membership.v1.ConsentPurpose;
import org.chorus.membership.v1.ConsentPurposeWording;
import org.chorus.membership.v1.ConsentsServiceGrpc;
import org.chorus.membership.v1.Credits;
import org.chorus.membership.v1.GetCreditsRequest;
import org.chorus.membership.v1.ListConsentPurposesRequest;
import org.chorus.membership.v1.ListConsentPurposesResponse;
import org.chorus.membership.v1.ListConsentsRequest;
import org.chorus.membership.v1.ListConsentsResponse;
import org.chorus.membership.v1.RecordConsentRequest;
import org.chorus.platform.names.ResourceName;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** Consents' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class ConsentGrpcService extends ConsentsServiceGrpc.ConsentsServiceImplBase {

    private static final ResourcePattern CREDITS = ResourcePattern.of("commissions/{commission}/credits");

    private final ConsentService consents;

    ConsentGrpcService(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public void listConsentPurposes(ListConsentPurposesRequest request, StreamObserver<ListConsentPurposesResponse> response) {
        var list = ListConsentPurposesResponse.newBuilder();
        ConsentPurposes.all().forEach(p -> list.addPurposes(ConsentPurposeWording.newBuilder()
                .setPurpose(ConsentPurpose.valueOf(p.name())).setVersion(p.version()).setTitle(p.title()).setWording(p.wording())));
        reply(response, list.build());
    }

    @Override
    public void recordConsent(RecordConsentRequest request, StreamObserver<org.chorus.membership.v1.Consent> response) {
        ResourceName member = ResourcePattern.MEMBER_NAME.parse(request.getParent(), "parent");
        reply(response, toProto(consents.record(Callers.current(), member.commission().value(), member.last(),
                request.getPurpose().name(), request.getGiven(), request.getWordingVersion(), request.getMemberAgreed())));
    }

    @Override
    public void listConsents(ListConsentsRequest request, StreamObserver<ListConsentsResponse> response) {
        ResourceName member = ResourcePattern.MEMBER_NAME.parse(request.getParent(), "parent");
        var list = ListConsentsResponse.newBuilder();
        consents.list(Callers.current(), member.commission().value(), member.last(), request.getShowHistory())
                .forEach(c -> list.addConsents(toProto(c)));
        reply(response, list.build());
    }

    @Override
    public void getCredits(GetCreditsRequest request, StreamObserver<Credits> response) {
        String commission = CREDITS.parse(request.getName(), "name").commission().value();
        reply(response, Credits.newBuilder().setName(CREDITS.format(commission))
                .addAllNames(consents.credits(Callers.current(), commission)).build());
    }

    private static org.chorus.membership.v1.Consent toProto(Consent c) {
        return org.chorus.membership.v1.Consent.newBuilder()
                .setName(c.resourceName())
                .setPurpose(ConsentPurpose.valueOf(c.purpose().name()))
                .setGiven(c.given())
                .setWordingVersion(c.wordingVersion())
                .setRecordTime(ProtoTime.timestamp(c.recordTime()))
                .setRecordedBy(c.recordedBy())
                .setOnBehalf(c.onBehalf())
                .build();
    }
}

package org.chorus.platform.events;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Optional;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.v1.FeedHead;
import org.chorus.platform.v1.FeedHeadsServiceGrpc;
import org.chorus.platform.v1.ListFeedHeadsRequest;
import org.chorus.platform.v1.ListFeedHeadsResponse;

/** Every service's answer to "which commissions' feeds here moved?": only other Chorus services may ask (the contract says so). */
public final class FeedHeadsGrpcService extends FeedHeadsServiceGrpc.FeedHeadsServiceImplBase {

    private final FeedHeads heads;

    public FeedHeadsGrpcService(FeedHeads heads) {
        this.heads = heads;
    }

    @Override
    public void listFeedHeads(ListFeedHeadsRequest request, StreamObserver<ListFeedHeadsResponse> response) {
        Optional<Instant> since = request.hasChangedSince()
                ? Optional.of(ProtoTime.instant(request.getChangedSince(), "INVALID_CURSOR", "changed_since", "the time to list changes since"))
                : Optional.empty();
        ListFeedHeadsResponse.Builder answer = ListFeedHeadsResponse.newBuilder();
        for (FeedHeads.Head head : heads.changedSince(since)) {
            answer.addFeedHeads(FeedHead.newBuilder()
                    .setCommission(new CommissionId(head.commissionId()).resourceName())
                    .setLastSequence(head.lastSequence())
                    .setChangeTime(ProtoTime.timestamp(head.changeTime())));
        }
        reply(response, answer.build());
    }
}

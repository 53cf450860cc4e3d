package org.chorus.platform.events;

import io.grpc.CallCredentials;
import io.grpc.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.v1.FeedHead;
import org.chorus.platform.v1.FeedHeadsServiceGrpc;
import org.chorus.platform.v1.ListFeedHeadsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which commissions' feeds in another service a reader should read now, so that a network of many quiet commissions
 * costs one call a round, not one per commission: those whose feed moved past what the reader last read to (asked of
 * the owner's {@code FeedHeadsService}), and each one at least every {@code sweepEvery} (spread out per commission),
 * which catches a head the owner did not move (it stopped between a commit and writing the head). Before its first
 * read since the start, a commission is always read. If the owner cannot say, every commission is read, as a reader
 * without heads would.
 *
 * <p>For one reader's job, which calls {@link #toRead} and then {@link #read} for each commission it read to the end.
 */
public final class MovedFeeds {

    /**
     * How far back each ask reaches before the latest change seen: a head is written a moment after its commit, and two
     * heads written at once may become visible out of the order of their times.
     */
    static final Duration OVERLAP = Duration.ofSeconds(30);

    private static final long DEADLINE_SECONDS = 20;
    private static final Logger log = LoggerFactory.getLogger(MovedFeeds.class);

    private final String owner;
    private final Supplier<Channel> channel;
    private final CallCredentials credentials;
    private final Clock clock;
    private final Duration sweepEvery;
    /** The head each commission's feed had at the owner when last asked. */
    private final Map<String, Long> heads = new ConcurrentHashMap<>();
    /** The head each commission's feed had when the reader last read it to the end, and when. */
    private final Map<String, Read> reads = new ConcurrentHashMap<>();
    private Optional<Instant> latestChange = Optional.empty();

    private record Read(long head, Instant at) {
    }

    /** Makes a reader's {@link MovedFeeds} for the feeds of one service (a bean of the platform library). */
    public interface Factory {
        /** @param service the service whose feeds are read, by its channel's name: {@code commissions} */
        MovedFeeds of(String service);
    }

    /**
     * @param owner      the service whose feeds these are, for the log
     * @param channel    to that service
     * @param sweepEvery how often each commission's feed is read even if its head did not move
     */
    public MovedFeeds(String owner, Supplier<Channel> channel, CallCredentials credentials, Clock clock, Duration sweepEvery) {
        this.owner = owner;
        this.channel = channel;
        this.credentials = credentials;
        this.clock = clock;
        this.sweepEvery = sweepEvery;
    }

    /** The commissions among {@code commissions} to read now, in their order. */
    public List<String> toRead(List<String> commissions) {
        if (!askTheOwner()) {
            return commissions;
        }
        Instant now = clock.instant();
        return commissions.stream().filter(commission -> due(commission, now)).toList();
    }

    /** The reader read {@code commission}'s feed to the end: to at least the head last asked. */
    public void read(String commission) {
        reads.put(commission, new Read(heads.getOrDefault(commission, 0L), clock.instant()));
    }

    private boolean due(String commission, Instant now) {
        Read last = reads.get(commission);
        return last == null || heads.getOrDefault(commission, 0L) > last.head() || now.isAfter(sweepAt(commission, last.at()));
    }

    /** When a quiet commission is read again anyway: between one and two {@code sweepEvery} after, fixed per commission. */
    private Instant sweepAt(String commission, Instant lastRead) {
        double spread = (commission.hashCode() & 0xffff) / 65536.0;
        return lastRead.plus(sweepEvery).plusMillis((long) (sweepEvery.toMillis() * spread));
    }

    private boolean askTheOwner() {
        ListFeedHeadsRequest.Builder request = ListFeedHeadsRequest.newBuilder();
        latestChange.ifPresent(latest -> request.setChangedSince(ProtoTime.timestamp(latest.minus(OVERLAP))));
        List<FeedHead> moved;
        try {
            moved = FeedHeadsServiceGrpc.newBlockingStub(channel.get()).withCallCredentials(credentials)
                    .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .listFeedHeads(request.build()).getFeedHeadsList();
        } catch (RuntimeException failure) {
            log.warn("Could not ask {} which feeds moved, so every commission's feed is read this round: {}", owner,
                    failure.getMessage());
            return false;
        }
        for (FeedHead head : moved) {
            heads.merge(CommissionId.parse(head.getCommission(), "commission").value(), head.getLastSequence(), Math::max);
            Instant changed = ProtoTime.instant(head.getChangeTime(), "INVALID_CURSOR", "change_time", "the time of a change");
            latestChange = Optional.of(latestChange.filter(latest -> latest.isAfter(changed)).orElse(changed));
        }
        return true;
    }
}

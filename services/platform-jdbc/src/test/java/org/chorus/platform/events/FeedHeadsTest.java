package org.chorus.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.chorus.commissions.v1.PhaseMoved;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.platform.tenancy.TenancyTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feed heads on a real PostgreSQL, and a reader's {@link MovedFeeds} asking for them through the contract's
 * {@code FeedHeadsService} (an in-process gRPC server): a head moves only once the transaction that added the events
 * commits, the outermost one when the commission's work joined another; a reader reads every commission once, then
 * only those that moved, and each one again at its sweep; an owner that cannot say has every commission read.
 */
class FeedHeadsTest {

    private static final Caller COORDINATOR = new Caller("s-coordinator", Optional.empty(), Set.of(Role.COORDINATOR), Map.of());
    private static final List<String> COMMISSIONS = List.of("leeds", "york");
    private static final Duration SWEEP = Duration.ofMinutes(10);

    private static TenancyTestDatabase database;
    private static CommissionTransactions transactions;
    private static FeedHeads heads;
    private static EventOutbox outbox;
    private static Server server;
    private static ManagedChannel channel;

    @BeforeAll
    static void setUp() throws IOException {
        database = TenancyTestDatabase.of("headtest", "head_test", 4, COMMISSIONS.toArray(String[]::new));
        transactions = database.transactions();
        heads = new FeedHeads(database.jdbc());
        outbox = new EventOutbox(database.jdbc(), heads);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(new FeedHeadsGrpcService(heads)).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterAll
    static void close() {
        channel.shutdownNow();
        server.shutdownNow();
        heads.close();
        database.close();
    }

    @Test
    void aHeadMovesOnlyOnceTheTransactionThatAddedTheEventsCommits() {
        long first = append("york");
        long second = append("york");
        heads.flush();
        assertThat(head("york")).isEqualTo(second).isEqualTo(first + 1);

        try {
            transactions.inCommission(COORDINATOR, "york", () -> {
                outbox.append(event());
                throw new IllegalStateException("the change fails after its event");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        heads.flush();
        assertThat(head("york")).as("a rolled back event moves nothing").isEqualTo(second);

        TransactionTemplate outer = new TransactionTemplate(new DataSourceTransactionManager(database.application()));
        long joined = outer.execute(status -> {
            long sequence = transactions.inCommission(COORDINATOR, "york", () -> outbox.append(event()));
            // From another thread, as the writer does: this one's connection is the open transaction's.
            long meanwhile = CompletableFuture.supplyAsync(() -> {
                heads.flush();
                return head("york");
            }).join();
            assertThat(meanwhile).as("the commission's work joined a transaction still open").isEqualTo(second);
            return sequence;
        });
        heads.flush();
        assertThat(head("york")).as("once the outer transaction committed").isEqualTo(joined);
    }

    @Test
    void aReaderReadsEveryCommissionOnceThenOnlyThoseThatMovedAndEachAgainAtItsSweep() {
        TestClock clock = new TestClock();
        MovedFeeds moved = new MovedFeeds("headtest", () -> channel, new NoCredentials(), clock, SWEEP);

        assertThat(moved.toRead(COMMISSIONS)).as("the first round, since the start").isEqualTo(COMMISSIONS);
        COMMISSIONS.forEach(moved::read);
        assertThat(moved.toRead(COMMISSIONS)).as("nothing moved").isEmpty();

        append("leeds");
        heads.flush();
        clock.advance(Duration.ofSeconds(5));
        assertThat(moved.toRead(COMMISSIONS)).containsExactly("leeds");
        assertThat(moved.toRead(COMMISSIONS)).as("until it is read to the end").containsExactly("leeds");
        moved.read("leeds");
        assertThat(moved.toRead(COMMISSIONS)).isEmpty();

        clock.advance(SWEEP.multipliedBy(2).plusSeconds(1));
        assertThat(moved.toRead(COMMISSIONS)).as("each read again at its sweep, moved or not").isEqualTo(COMMISSIONS);
    }

    @Test
    void aReaderWhoseOwnerCannotSayReadsEveryCommission() {
        ManagedChannel nowhere = InProcessChannelBuilder.forName("no-such-server").build();
        try {
            MovedFeeds moved = new MovedFeeds("nowhere", () -> nowhere, new NoCredentials(), Clock.systemUTC(), SWEEP);
            COMMISSIONS.forEach(moved::read);
            assertThat(moved.toRead(COMMISSIONS)).isEqualTo(COMMISSIONS);
        } finally {
            nowhere.shutdownNow();
        }
    }

    private static long head(String commission) {
        return heads.changedSince(Optional.empty()).stream()
                .collect(Collectors.toMap(FeedHeads.Head::commissionId, FeedHeads.Head::lastSequence))
                .getOrDefault(commission, 0L);
    }

    private static long append(String commission) {
        return transactions.inCommission(COORDINATOR, commission, () -> outbox.append(event()));
    }

    private static NewEvent event() {
        return new NewEvent("phase.moved", "commissions/york/phaseTransitions/1", "s-coordinator", Instant.now(),
                PhaseMoved.newBuilder().setFromPhase("Engagement").setToPhase("Exploration").setDirection("FORWARD").setReason("Ready").build());
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T09:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The in-process server checks no token. */
    private static final class NoCredentials extends CallCredentials {
        @Override
        public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
            applier.apply(new Metadata());
        }
    }
}

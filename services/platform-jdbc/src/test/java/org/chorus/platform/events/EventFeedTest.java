package org.chorus.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.stub.ServerCallStreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.chorus.commissions.v1.PhaseMoved;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.platform.tenancy.TenancyTestDatabase;
import org.chorus.platform.v1.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform's one event feed on a real PostgreSQL: every service's commission schema gets the
 * outbox from the platform's migrations; sequences follow commit order with no gaps, even when a
 * writer that started first commits last; payloads come back typed.
 */
class EventFeedTest {

    private static final String SERVICE = "feedtest";
    private static final String DATABASE = "feed_test";
    private static final Caller COORDINATOR = new Caller("s-coordinator", Optional.empty(), Set.of(Role.COORDINATOR), Map.of());
    private static final Caller LEEDS_MEMBER = new Caller("s-sam", Optional.empty(), Set.of(), Map.of("leeds", Set.of(Role.MEMBER)));
    private static final CommissionId LEEDS = new CommissionId("leeds");

    private static TenancyTestDatabase database;
    private static CommissionTransactions transactions;
    private static EventOutbox outbox;
    private static EventFeed feed;
    private static FeedHeads heads;

    @BeforeAll
    static void setUp() {
        database = TenancyTestDatabase.of(SERVICE, DATABASE, 4, "leeds");
        transactions = database.transactions();
        heads = new FeedHeads(database.jdbc());
        outbox = new EventOutbox(database.jdbc(), heads);
        feed = new EventFeed(outbox, transactions, "events",
                () -> ProtoDescriptors.load(EventFeedTest.class.getClassLoader()).messages("chorus."));
    }

    @AfterAll
    static void close() {
        heads.close();
        database.close();
    }

    @Test
    void eventsComeBackInOrderWithTheirTypedPayloadsAfterACursor() {
        long first = append("Engagement", "Exploration");
        append("Exploration", "Experimentation");

        List<Event> events = watch(COORDINATOR, first - 1);

        assertThat(events).extracting(Event::getSequence).containsExactly(first, first + 1);
        Event moved = events.getLast();
        assertThat(moved.getName()).isEqualTo("commissions/leeds/events/" + (first + 1));
        assertThat(moved.getType()).isEqualTo("phase.moved");
        assertThat(moved.getPayload().getTypeUrl()).isEqualTo("type.googleapis.com/chorus.commissions.v1.PhaseMoved");
        assertThat(feed.payload(moved.getPayload()).toString()).contains("Experimentation");
        assertThat(watch(COORDINATOR, first + 1)).isEmpty();
    }

    @Test
    void aWriterThatStartedFirstButCommitsLastNeverLeavesAGapBehindACursor() throws Exception {
        CountDownLatch firstHoldsTheCounter = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var writers = Executors.newFixedThreadPool(2)) {
            Future<Long> slow = writers.submit(() -> transactions.inCommission(COORDINATOR, "leeds", () -> {
                long sequence = outbox.append(event("Slow", "Writer"));
                firstHoldsTheCounter.countDown();
                await(release);
                return sequence;
            }));
            assertThat(firstHoldsTheCounter.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Long> fast = writers.submit(() -> append("Fast", "Writer"));
            // The reader cannot see anything after the slow writer's sequence before it commits.
            List<Event> meanwhile = watch(COORDINATOR, 0);
            assertThat(meanwhile).noneMatch(e -> e.getType().equals("phase.moved") && e.getPayload().toString().contains("Fast"));
            release.countDown();
            long slowSequence = slow.get(10, TimeUnit.SECONDS);
            long fastSequence = fast.get(10, TimeUnit.SECONDS);
            assertThat(fastSequence).isEqualTo(slowSequence + 1);
        }
        List<Event> all = watch(COORDINATOR, 0);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).getSequence()).as("event %d", i).isEqualTo(i + 1L);
        }
    }

    @Test
    void aCursorBelowZeroIsRefusedOnItsField() {
        assertThatThrownBy(() -> watch(COORDINATOR, -1)).isInstanceOfSatisfying(ChorusException.class, e -> {
            assertThat(e.reason()).isEqualTo("INVALID_CURSOR");
            assertThat(e.violations().getFirst().field()).isEqualTo("after_sequence");
        });
    }

    @Test
    void theFeedIsReadWithTheCallersRightsToTheCommission() {
        Caller salfordMember = new Caller("s-priya", Optional.empty(), Set.of(), Map.of("salford", Set.of(Role.MEMBER)));
        assertThatThrownBy(() -> watch(salfordMember, 0)).isInstanceOfSatisfying(ChorusException.class,
                e -> assertThat(e.kind()).isEqualTo(ChorusException.Kind.PERMISSION_DENIED));
        assertThat(watch(LEEDS_MEMBER, 0)).isNotNull();
    }

    private static long append(String from, String to) {
        return transactions.inCommission(COORDINATOR, "leeds", () -> outbox.append(event(from, to)));
    }

    private static NewEvent event(String from, String to) {
        return new NewEvent("phase.moved", "commissions/leeds/phaseTransitions/1", "s-coordinator", Instant.now(),
                PhaseMoved.newBuilder().setFromPhase(from).setToPhase(to).setDirection("FORWARD").setReason("Ready").build());
    }

    private static List<Event> watch(Caller caller, long after) {
        Collected collected = new Collected();
        feed.watch(caller, LEEDS, after, Function.identity(), collected);
        assertThat(collected.completed).isTrue();
        return collected.events;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The stream as a caller sees it. */
    private static final class Collected extends ServerCallStreamObserver<Event> {
        final List<Event> events = new ArrayList<>();
        boolean completed;

        @Override public void onNext(Event value) { events.add(value); }
        @Override public void onError(Throwable t) { throw new AssertionError(t); }
        @Override public void onCompleted() { completed = true; }
        @Override public boolean isCancelled() { return false; }
        @Override public void setOnCancelHandler(Runnable onCancelHandler) { }
        @Override public void setCompression(String compression) { }
        @Override public boolean isReady() { return true; }
        @Override public void setOnReadyHandler(Runnable onReadyHandler) { }
        @Override public void request(int count) { }
        @Override public void setMessageCompression(boolean enable) { }
        @Override public void disableAutoInboundFlowControl() { }
    }
}

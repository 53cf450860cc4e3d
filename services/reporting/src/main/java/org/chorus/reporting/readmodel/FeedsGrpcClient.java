package org.chorus.reporting.readmodel;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chorus.commissions.v1.AttendanceRecorded;
import org.chorus.commissions.v1.CommissionEvent;
import org.chorus.commissions.v1.CommissionEventsServiceGrpc;
import org.chorus.commissions.v1.ExperimentMoved;
import org.chorus.commissions.v1.FocusIssueDecided;
import org.chorus.commissions.v1.Interpreter;
import org.chorus.commissions.v1.PhaseMoved;
import org.chorus.commissions.v1.SessionFacts;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.chorus.membership.v1.ConsentChanged;
import org.chorus.membership.v1.ConsentPurpose;
import org.chorus.membership.v1.MemberChanged;
import org.chorus.membership.v1.MembershipEventsServiceGrpc;
import org.chorus.membership.v1.WatchMembershipEventsRequest;
import org.chorus.payments.v1.ClaimChanged;
import org.chorus.payments.v1.PaymentEventsServiceGrpc;
import org.chorus.payments.v1.WatchPaymentEventsRequest;
import org.chorus.platform.security.ServiceCredentials;
import org.chorus.platform.v1.Event;
import org.chorus.reporting.readmodel.FeedEvent.Fact;
import org.chorus.reporting.readmodel.FeedEvent.Feed;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the feeds of commissions, membership and payments as this service (its own credentials), with a deadline,
 * and keeps of each event only the facts reports need: the contract's payloads stop here.
 */
@Component
class FeedsGrpcClient implements Feeds {

    private static final long DEADLINE_SECONDS = 20;

    private final GrpcChannelFactory channels;
    private final ServiceCredentials credentials;

    FeedsGrpcClient(GrpcChannelFactory channels, ServiceCredentials credentials) {
        this.channels = channels;
        this.credentials = credentials;
    }

    @Override
    public List<FeedEvent> after(Feed feed, String commission, long sequence) {
        String parent = "commissions/" + commission;
        List<FeedEvent> events = new ArrayList<>();
        switch (feed) {
            case COMMISSIONS -> {
                Iterator<CommissionEvent> stream = CommissionEventsServiceGrpc.newBlockingStub(channels.createChannel("commissions"))
                        .withCallCredentials(credentials).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                        .watchEvents(WatchEventsRequest.newBuilder().setParent(parent).setAfterSequence(sequence).build());
                stream.forEachRemaining(e -> events.add(new FeedEvent(feed, e.getSequence(), instant(e.getEventTime()),
                        commissionFact(e.getType(), e.getResource(), e.getSequence(), e.getTypedPayload()))));
            }
            case MEMBERSHIP -> MembershipEventsServiceGrpc.newBlockingStub(channels.createChannel("membership"))
                    .withCallCredentials(credentials).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .watchMembershipEvents(WatchMembershipEventsRequest.newBuilder().setParent(parent).setAfterSequence(sequence).build())
                    .forEachRemaining(e -> events.add(platformEvent(feed, e, membershipFact(e))));
            case PAYMENTS -> PaymentEventsServiceGrpc.newBlockingStub(channels.createChannel("payments"))
                    .withCallCredentials(credentials).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .watchPaymentEvents(WatchPaymentEventsRequest.newBuilder().setParent(parent).setAfterSequence(sequence).build())
                    .forEachRemaining(e -> events.add(platformEvent(feed, e, paymentFact(e))));
        }
        return events;
    }

    private static FeedEvent platformEvent(Feed feed, Event e, Fact fact) {
        return new FeedEvent(feed, e.getSequence(), instant(e.getEventTime()), fact);
    }

    static Fact commissionFact(String type, String resource, long sequence, Any payload) {
        return switch (type) {
            case "session.created", "session.updated" -> {
                SessionFacts s = unpack(payload, SessionFacts.class);
                Interpreter.Kind interpreter = s.getAccessibility().getInterpreter().getKind();
                yield new FeedEvent.SessionChanged(last(resource), Instant.parse(s.getStartTime()), Instant.parse(s.getEndTime()),
                        s.getOnline(), s.getState().equals("CANCELLED"), s.getAccessibility().getStepFreeAccess(),
                        interpreter == Interpreter.Kind.BSL || interpreter == Interpreter.Kind.OTHER_LANGUAGE);
            }
            case "session.cancelled" -> new FeedEvent.SessionCancelled(last(resource));
            case "session.attendance_recorded" -> {
                AttendanceRecorded a = unpack(payload, AttendanceRecorded.class);
                yield new FeedEvent.AttendanceRecorded(last(a.getSession()), a.getMember(), a.getAttended(), a.getMinutes(),
                        Instant.parse(a.getSessionStartTime()));
            }
            case "experiment.moved" -> {
                ExperimentMoved m = unpack(payload, ExperimentMoved.class);
                yield new FeedEvent.ExperimentMoved(last(resource), m.getToStatus(), m.getLearning());
            }
            case "focus_issue.decided" -> {
                FocusIssueDecided d = unpack(payload, FocusIssueDecided.class);
                yield d.getOutcome().equals("CHOSEN") ? new FeedEvent.FocusIssueChosen(last(resource), d.getTitle()) : null;
            }
            case "phase.moved" -> {
                PhaseMoved m = unpack(payload, PhaseMoved.class);
                yield new FeedEvent.PhaseMoved(m.getFromPhase(), m.getToPhase());
            }
            default -> null;
        };
    }

    static Fact membershipFact(Event e) {
        return switch (e.getType()) {
            case "consent.given", "consent.withdrawn" -> {
                ConsentChanged c = unpack(e.getPayload(), ConsentChanged.class);
                yield c.getPurpose() == ConsentPurpose.SHARING_THEIR_STORY
                        ? new FeedEvent.StoryConsent(memberOf(e.getResource()), c.getGiven()) : null;
            }
            case "member.erased" -> new FeedEvent.MemberErased(memberOf(e.getResource()));
            case "member.added", "member.updated", "member.state_changed" -> new FeedEvent.MemberOrganisation(memberOf(e.getResource()),
                    unpack(e.getPayload(), MemberChanged.class).getOrganization());
            default -> null;
        };
    }

    static Fact paymentFact(Event e) {
        if (!e.getType().equals("claim.paid")) {
            return null;
        }
        ClaimChanged c = unpack(e.getPayload(), ClaimChanged.class);
        return new FeedEvent.ClaimPaid(last(e.getResource()), last(c.getMember()), c.getKind().equals("TIME"), c.getAmountPence(),
                c.getMinutes());
    }

    /** The member's id in a name that starts `commissions/{c}/members/{m}`. */
    private static String memberOf(String resource) {
        String[] parts = resource.split("/");
        if (parts.length < 4 || !parts[2].equals("members")) {
            throw new IllegalStateException("A membership event about something that is not a member: " + resource);
        }
        return parts[3];
    }

    private static String last(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static <T extends Message> T unpack(Any payload, Class<T> type) {
        try {
            return payload.unpack(type);
        } catch (InvalidProtocolBufferException unexpected) {
            throw new IllegalStateException("A feed sent an event whose payload is not a " + type.getSimpleName(), unexpected);
        }
    }
}

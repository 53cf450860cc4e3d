package org.chorus.commissions.decision;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import io.grpc.stub.StreamObserver;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.commissions.registry.CommissionId;
import org.chorus.commissions.shared.ResourceNames;
import org.chorus.commissions.v1.CommissionPracticalDecisionsServiceGrpc;
import org.chorus.commissions.v1.CreatePracticalDecisionRequest;
import org.chorus.commissions.v1.GetPracticalDecisionRequest;
import org.chorus.commissions.v1.ListPracticalDecisionsRequest;
import org.chorus.commissions.v1.ListPracticalDecisionsResponse;
import org.chorus.commissions.v1.UpdatePracticalDecisionRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The practical decisions' gRPC adapter: maps the contract (field masks included) to the use cases and back. */
@GrpcService
class PracticalDecisionGrpcService extends CommissionPracticalDecisionsServiceGrpc.CommissionPracticalDecisionsServiceImplBase {

    private static final Pattern NAME = Pattern.compile("(commissions/[^/]+)/practicalDecisions/([a-z0-9][a-z0-9-]{0,62})");
    private static final String TOPIC = "topic";
    private static final String TITLE = "title";
    private static final String DECISION = "decision";
    private static final String AGREED_BY = "agreed_by";
    private static final String AGREED_ON = "agreed_on";
    private static final List<String> CHANGEABLE = List.of(TOPIC, TITLE, DECISION, AGREED_BY, AGREED_ON);

    private final PracticalDecisionService decisions;

    PracticalDecisionGrpcService(PracticalDecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public void createPracticalDecision(CreatePracticalDecisionRequest request,
                                        StreamObserver<org.chorus.commissions.v1.PracticalDecision> response) {
        CommissionId commission = ResourceNames.commission(request.getParent(), "parent");
        UUID requestId = CreateRequests.requestId(request.getRequestId());
        var sent = request.getPracticalDecision();
        PracticalDecisionFields fields = PracticalDecisionFields.toCreate(topic(sent.getTopic()), sent.getTitle(), sent.getDecision(),
                sent.getAgreedBy(), date(sent.hasAgreedOn() ? sent.getAgreedOn() : null));
        reply(response, toProto(commission, decisions.create(Callers.current(), commission, fields, requestId)));
    }

    @Override
    public void getPracticalDecision(GetPracticalDecisionRequest request,
                                     StreamObserver<org.chorus.commissions.v1.PracticalDecision> response) {
        Matcher name = name(request.getName(), "name");
        CommissionId commission = ResourceNames.commission(name.group(1), "name");
        reply(response, toProto(commission, decisions.get(Callers.current(), commission, name.group(2))));
    }

    @Override
    public void listPracticalDecisions(ListPracticalDecisionsRequest request, StreamObserver<ListPracticalDecisionsResponse> response) {
        CommissionId commission = ResourceNames.commission(request.getParent(), "parent");
        var sentTopic = request.getTopic();
        if (sentTopic == org.chorus.commissions.v1.PracticalDecision.Topic.UNRECOGNIZED) {
            throw ChorusException.invalid("INVALID_TOPIC", "topic",
                    "The topic can be RISK, LONE_WORKING, ETHICS, SAFEGUARDING or OTHER, or left out for every topic.");
        }
        var page = decisions.list(Callers.current(), commission, topic(sentTopic),
                request.getPageSize(), request.getPageToken());
        var list = ListPracticalDecisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(d -> list.addPracticalDecisions(toProto(commission, d)));
        reply(response, list.build());
    }

    @Override
    public void updatePracticalDecision(UpdatePracticalDecisionRequest request,
                                        StreamObserver<org.chorus.commissions.v1.PracticalDecision> response) {
        var sent = request.getPracticalDecision();
        Matcher name = name(sent.getName(), "practical_decision.name");
        CommissionId commission = ResourceNames.commission(name.group(1), "practical_decision.name");
        Set<String> paths = paths(request, sent);
        PracticalDecisionFields change = PracticalDecisionFields.toChange(
                paths.contains(TOPIC) ? topic(sent.getTopic()) : null, paths.contains(TOPIC),
                paths.contains(TITLE) ? sent.getTitle() : null,
                paths.contains(DECISION) ? sent.getDecision() : null,
                paths.contains(AGREED_BY) ? sent.getAgreedBy() : null,
                paths.contains(AGREED_ON) ? date(sent.hasAgreedOn() ? sent.getAgreedOn() : null) : null, paths.contains(AGREED_ON));
        String etag = sent.getEtag().isEmpty() ? null : sent.getEtag();
        reply(response, toProto(commission, decisions.update(Callers.current(), commission, name.group(2), change, etag)));
    }

    /** The fields to change (aip.dev/134): those named in the mask; {@code *} for all; with no mask, those sent. */
    private static Set<String> paths(UpdatePracticalDecisionRequest request, org.chorus.commissions.v1.PracticalDecision sent) {
        Set<String> paths = new HashSet<>();
        if (!request.hasUpdateMask() || request.getUpdateMask().getPathsCount() == 0) {
            if (sent.getTopicValue() != 0) {
                paths.add(TOPIC);
            }
            if (!sent.getTitle().isEmpty()) {
                paths.add(TITLE);
            }
            if (!sent.getDecision().isEmpty()) {
                paths.add(DECISION);
            }
            if (!sent.getAgreedBy().isEmpty()) {
                paths.add(AGREED_BY);
            }
            if (sent.hasAgreedOn()) {
                paths.add(AGREED_ON);
            }
            return paths;
        }
        for (String path : request.getUpdateMask().getPathsList()) {
            if (path.equals("*")) {
                paths.addAll(CHANGEABLE);
            } else if (CHANGEABLE.contains(path)) {
                paths.add(path);
            } else {
                throw ChorusException.invalid("INVALID_UPDATE_MASK", "update_mask", "\"" + path + "\" cannot be changed. "
                        + "The update mask can name topic, title, decision, agreed_by and agreed_on.");
            }
        }
        return paths;
    }

    /** The topic sent, or null when none (or one this service does not know) was sent. By name: see FocusIssueGrpcService. */
    private static PracticalDecision.Topic topic(org.chorus.commissions.v1.PracticalDecision.Topic topic) {
        if (topic == org.chorus.commissions.v1.PracticalDecision.Topic.TOPIC_UNSPECIFIED
                || topic == org.chorus.commissions.v1.PracticalDecision.Topic.UNRECOGNIZED) {
            return null;
        }
        return PracticalDecision.Topic.valueOf(topic.name());
    }

    private static LocalDate date(Date date) {
        if (date == null || (date.getYear() == 0 && date.getMonth() == 0 && date.getDay() == 0)) {
            return null;
        }
        try {
            return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
        } catch (DateTimeException notADay) {
            throw ChorusException.invalid("INVALID_PRACTICAL_DECISION", "practical_decision.agreed_on",
                    "The day agreed must be a real day, with a year, a month (1 to 12) and a day of the month.");
        }
    }

    private static Matcher name(String name, String field) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw ChorusException.invalid("INVALID_NAME", field,
                    "This name should look like \"commissions/leeds/practicalDecisions/pd-4b7e19a2\": the commission's id, then the decision's.");
        }
        return m;
    }

    private static org.chorus.commissions.v1.PracticalDecision toProto(CommissionId commission, PracticalDecision d) {
        return org.chorus.commissions.v1.PracticalDecision.newBuilder()
                .setName(d.resourceName(commission))
                .setTopic(org.chorus.commissions.v1.PracticalDecision.Topic.valueOf(d.topic().name()))
                .setTitle(d.title())
                .setDecision(d.decision())
                .setAgreedBy(d.agreedBy())
                .setAgreedOn(Date.newBuilder().setYear(d.agreedOn().getYear()).setMonth(d.agreedOn().getMonthValue())
                        .setDay(d.agreedOn().getDayOfMonth()))
                .setCreatedBy(d.createdBy())
                .setCreateTime(timestamp(d.createTime()))
                .setUpdatedBy(d.updatedBy())
                .setUpdateTime(timestamp(d.updateTime()))
                .setRevisionId(String.valueOf(d.version()))
                .setEtag(d.etag())
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}

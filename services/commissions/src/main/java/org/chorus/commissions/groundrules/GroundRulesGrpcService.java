package org.chorus.commissions.groundrules;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import io.grpc.stub.StreamObserver;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chorus.commissions.registry.CommissionId;
import org.chorus.commissions.shared.ResourceNames;
import org.chorus.commissions.v1.CommissionGroundRulesServiceGrpc;
import org.chorus.commissions.v1.GetGroundRulesRequest;
import org.chorus.commissions.v1.ListGroundRulesRevisionsRequest;
import org.chorus.commissions.v1.ListGroundRulesRevisionsResponse;
import org.chorus.commissions.v1.UpdateGroundRulesRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The ground rules' gRPC adapter: maps the contract (field masks included) to the use cases and back. */
@GrpcService
class GroundRulesGrpcService extends CommissionGroundRulesServiceGrpc.CommissionGroundRulesServiceImplBase {

    private static final String GROUND_RULES = "/groundRules";
    private static final String RULES = "rules";
    private static final String AGREED_ON = "agreed_on";
    private static final String HOW_AGREED = "how_agreed";
    private static final List<String> CHANGEABLE = List.of(RULES, AGREED_ON, HOW_AGREED);

    private final GroundRulesService groundRules;

    GroundRulesGrpcService(GroundRulesService groundRules) {
        this.groundRules = groundRules;
    }

    @Override
    public void getGroundRules(GetGroundRulesRequest request, StreamObserver<org.chorus.commissions.v1.GroundRules> response) {
        CommissionId commission = ResourceNames.commissionIn(request.getName(), GROUND_RULES, "name");
        reply(response, toProto(commission, groundRules.get(Callers.current(), commission), false));
    }

    @Override
    public void updateGroundRules(UpdateGroundRulesRequest request, StreamObserver<org.chorus.commissions.v1.GroundRules> response) {
        var sent = request.getGroundRules();
        CommissionId commission = ResourceNames.commissionIn(sent.getName(), GROUND_RULES, "ground_rules.name");
        Set<String> paths = paths(request, sent);
        GroundRulesChange change = GroundRulesChange.of(
                paths.contains(RULES) ? sent.getRulesList() : null,
                paths.contains(AGREED_ON) ? date(sent.hasAgreedOn() ? sent.getAgreedOn() : null) : null,
                paths.contains(HOW_AGREED) ? sent.getHowAgreed() : null,
                sent.getEtag());
        reply(response, toProto(commission, groundRules.update(Callers.current(), commission, change), false));
    }

    @Override
    public void listGroundRulesRevisions(ListGroundRulesRevisionsRequest request,
                                         StreamObserver<ListGroundRulesRevisionsResponse> response) {
        CommissionId commission = ResourceNames.commissionIn(request.getName(), GROUND_RULES, "name");
        var page = groundRules.revisions(Callers.current(), commission, request.getPageSize(), request.getPageToken());
        var list = ListGroundRulesRevisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(v -> list.addGroundRules(toProto(commission, v, true)));
        reply(response, list.build());
    }

    /** The fields to change (aip.dev/134): those named in the mask; {@code *} for all; with no mask, those sent. */
    private static Set<String> paths(UpdateGroundRulesRequest request, org.chorus.commissions.v1.GroundRules sent) {
        Set<String> paths = new HashSet<>();
        if (!request.hasUpdateMask() || request.getUpdateMask().getPathsCount() == 0) {
            if (sent.getRulesCount() > 0) {
                paths.add(RULES);
            }
            if (sent.hasAgreedOn()) {
                paths.add(AGREED_ON);
            }
            if (!sent.getHowAgreed().isEmpty()) {
                paths.add(HOW_AGREED);
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
                        + "The update mask can name rules, agreed_on and how_agreed.");
            }
        }
        return paths;
    }

    /** The day sent; a missing date stays missing, for the command to say what is needed. */
    private static LocalDate date(Date date) {
        if (date == null || (date.getYear() == 0 && date.getMonth() == 0 && date.getDay() == 0)) {
            return null;
        }
        try {
            return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
        } catch (DateTimeException notADay) {
            throw ChorusException.invalid("INVALID_GROUND_RULES", "ground_rules.agreed_on",
                    "The day agreed must be a real day, with a year, a month (1 to 12) and a day of the month.");
        }
    }

    private static org.chorus.commissions.v1.GroundRules toProto(CommissionId commission, GroundRules v, boolean asRevision) {
        var proto = org.chorus.commissions.v1.GroundRules.newBuilder()
                .setName(commission.resourceName() + GROUND_RULES + (asRevision ? "@" + v.revision() : ""))
                .addAllRules(v.rules())
                .setHowAgreed(v.howAgreed())
                .setUpdatedBy(v.updatedBy())
                .setEtag(v.etag())
                .setRevisionId(String.valueOf(v.revision()));
        if (v.agreedOn() != null) {
            proto.setAgreedOn(Date.newBuilder().setYear(v.agreedOn().getYear()).setMonth(v.agreedOn().getMonthValue())
                    .setDay(v.agreedOn().getDayOfMonth()));
        }
        if (v.updateTime() != null) {
            Timestamp time = timestamp(v.updateTime());
            proto.setUpdateTime(time).setRevisionCreateTime(time);
        }
        return proto.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}

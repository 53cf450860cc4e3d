package org.chorus.commissions.scope;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chorus.commissions.registry.CommissionId;
import org.chorus.commissions.shared.ResourceNames;
import org.chorus.commissions.v1.CommissionScopeServiceGrpc;
import org.chorus.commissions.v1.GetScopeStatementRequest;
import org.chorus.commissions.v1.ListScopeStatementRevisionsRequest;
import org.chorus.commissions.v1.ListScopeStatementRevisionsResponse;
import org.chorus.commissions.v1.UpdateScopeStatementRequest;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The scope statement's gRPC adapter: maps the contract (field masks included) to the use cases and back. */
@GrpcService
class ScopeStatementGrpcService extends CommissionScopeServiceGrpc.CommissionScopeServiceImplBase {

    private static final String STATEMENT = "/scopeStatement";
    private static final String OPEN = "open_to_co_production";
    private static final String NOT_OPEN = "not_open_to_co_production";
    private static final String REASONS = "reasons";
    private static final List<String> CHANGEABLE = List.of(OPEN, NOT_OPEN, REASONS);

    private final ScopeStatementService statements;

    ScopeStatementGrpcService(ScopeStatementService statements) {
        this.statements = statements;
    }

    @Override
    public void getScopeStatement(GetScopeStatementRequest request, StreamObserver<org.chorus.commissions.v1.ScopeStatement> response) {
        CommissionId commission = ResourceNames.commissionIn(request.getName(), STATEMENT, "name");
        reply(response, toProto(commission, statements.get(Callers.current(), commission), false));
    }

    @Override
    public void updateScopeStatement(UpdateScopeStatementRequest request,
                                     StreamObserver<org.chorus.commissions.v1.ScopeStatement> response) {
        var sent = request.getScopeStatement();
        CommissionId commission = ResourceNames.commissionIn(sent.getName(), STATEMENT, "scope_statement.name");
        Set<String> paths = paths(request, sent);
        ScopeChange change = ScopeChange.of(
                paths.contains(OPEN) ? sent.getOpenToCoProduction() : null,
                paths.contains(NOT_OPEN) ? sent.getNotOpenToCoProduction() : null,
                paths.contains(REASONS) ? sent.getReasons() : null,
                sent.getEtag());
        reply(response, toProto(commission, statements.update(Callers.current(), commission, change), false));
    }

    @Override
    public void listScopeStatementRevisions(ListScopeStatementRevisionsRequest request,
                                            StreamObserver<ListScopeStatementRevisionsResponse> response) {
        CommissionId commission = ResourceNames.commissionIn(request.getName(), STATEMENT, "name");
        var page = statements.revisions(Callers.current(), commission,
                request.getPageSize(), request.getPageToken());
        var list = ListScopeStatementRevisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(v -> list.addScopeStatements(toProto(commission, v, true)));
        reply(response, list.build());
    }

    /**
     * The fields to change (aip.dev/134): those named in the mask; {@code *} for all; with no mask,
     * those sent with words in them.
     */
    private static Set<String> paths(UpdateScopeStatementRequest request, org.chorus.commissions.v1.ScopeStatement sent) {
        Set<String> paths = new HashSet<>();
        if (!request.hasUpdateMask() || request.getUpdateMask().getPathsCount() == 0) {
            if (!sent.getOpenToCoProduction().isEmpty()) {
                paths.add(OPEN);
            }
            if (!sent.getNotOpenToCoProduction().isEmpty()) {
                paths.add(NOT_OPEN);
            }
            if (!sent.getReasons().isEmpty()) {
                paths.add(REASONS);
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
                        + "The update mask can name open_to_co_production, not_open_to_co_production and reasons.");
            }
        }
        return paths;
    }

    private static org.chorus.commissions.v1.ScopeStatement toProto(CommissionId commission, ScopeStatement v, boolean asRevision) {
        String name = commission.resourceName() + STATEMENT + (asRevision ? "@" + v.revision() : "");
        var proto = org.chorus.commissions.v1.ScopeStatement.newBuilder()
                .setName(name)
                .setOpenToCoProduction(v.openToCoProduction())
                .setNotOpenToCoProduction(v.notOpenToCoProduction())
                .setReasons(v.reasons())
                .setUpdatedBy(v.updatedBy())
                .setEtag(v.etag())
                .setRevisionId(String.valueOf(v.revision()));
        if (v.updateTime() != null) {
            Timestamp time = Timestamp.newBuilder().setSeconds(v.updateTime().getEpochSecond()).setNanos(v.updateTime().getNano()).build();
            proto.setUpdateTime(time).setRevisionCreateTime(time);
        }
        return proto.build();
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}

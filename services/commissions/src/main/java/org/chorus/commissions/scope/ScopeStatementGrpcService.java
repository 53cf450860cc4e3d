package org.chorus.commissions.scope;

import static org.chorus.platform.grpc.Replies.reply;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import org.chorus.commissions.v1.CommissionScopeServiceGrpc;
import org.chorus.commissions.v1.GetScopeStatementRequest;
import org.chorus.commissions.v1.ListScopeStatementRevisionsRequest;
import org.chorus.commissions.v1.ListScopeStatementRevisionsResponse;
import org.chorus.commissions.v1.UpdateScopeStatementRequest;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.ResourcePattern;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.protos.UpdateMasks;
import org.chorus.platform.security.Callers;
import org.springframework.grpc.server.service.GrpcService;

/** The scope statement's gRPC adapter: maps the contract (field masks included) to the use cases and back. */
@GrpcService
class ScopeStatementGrpcService extends CommissionScopeServiceGrpc.CommissionScopeServiceImplBase {

    private static final ResourcePattern STATEMENT = ResourcePattern.of("commissions/{commission}/scopeStatement");
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
        CommissionId commission = STATEMENT.parse(request.getName(), "name").commission();
        reply(response, toProto(commission, statements.get(Callers.current(), commission), false));
    }

    @Override
    public void updateScopeStatement(UpdateScopeStatementRequest request,
                                     StreamObserver<org.chorus.commissions.v1.ScopeStatement> response) {
        var sent = request.getScopeStatement();
        CommissionId commission = STATEMENT.parse(sent.getName(), "scope_statement.name").commission();
        Set<String> paths = UpdateMasks.paths(request.getUpdateMask(), sent, CHANGEABLE);
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
        CommissionId commission = STATEMENT.parse(request.getName(), "name").commission();
        var page = statements.revisions(Callers.current(), commission,
                request.getPageSize(), request.getPageToken());
        var list = ListScopeStatementRevisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(v -> list.addScopeStatements(toProto(commission, v, true)));
        reply(response, list.build());
    }

    private static org.chorus.commissions.v1.ScopeStatement toProto(CommissionId commission, ScopeStatement v, boolean asRevision) {
        String name = STATEMENT.format(commission.value()) + (asRevision ? "@" + v.revision() : "");
        var proto = org.chorus.commissions.v1.ScopeStatement.newBuilder()
                .setName(name)
                .setOpenToCoProduction(v.openToCoProduction())
                .setNotOpenToCoProduction(v.notOpenToCoProduction())
                .setReasons(v.reasons())
                .setUpdatedBy(v.updatedBy())
                .setEtag(v.etag())
                .setRevisionId(String.valueOf(v.revision()));
        if (v.updateTime() != null) {
            Timestamp time = ProtoTime.timestamp(v.updateTime());
            proto.setUpdateTime(time).setRevisionCreateTime(time);
        }
        return proto.build();
    }

}

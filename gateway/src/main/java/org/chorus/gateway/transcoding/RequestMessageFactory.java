package org.chorus.gateway.transcoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import org.chorus.contract.ContractRules;
import org.chorus.gateway.problem.Problem.FieldViolation;
import org.chorus.gateway.problem.Problems;

/**
 * Makes the request message of a route from an HTTP request, the way {@code google.api.http} says:
 * the body (all of it, or one field), then the query string (fields not bound elsewhere), then the
 * path variables, which win. A request that breaks the contract's own rules ({@link ContractRules}:
 * resource ids in the path, {@code page_size}) is refused here, before any service sees it.
 */
final class RequestMessageFactory {

    private final JsonBodyReader bodyReader;
    private final QueryParameterBinder queryBinder;

    RequestMessageFactory(JsonFormat.Parser parser) {
        this.bodyReader = new JsonBodyReader(parser);
        this.queryBinder = new QueryParameterBinder(parser);
    }

    DynamicMessage create(HttpRoute route, Map<String, String> pathVariables, Map<String, List<String>> query, byte[] body) {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(route.method().getInputType());
        if (route.hasBody()) {
            bodyReader.merge(body, request, route.body());
        }
        List<String> covered = new ArrayList<>(pathVariables.keySet());
        if (route.hasBody()) {
            covered.add(route.body());
        }
        List<FieldViolation> violations = new ArrayList<>(queryBinder.bind(request, query, covered));
        for (Map.Entry<String, String> variable : pathVariables.entrySet()) {
            List<FieldDescriptor> path = FieldPaths.resolveProtoPath(request.getDescriptorForType(), variable.getKey()).orElseThrow();
            try {
                clear(request, path);
                queryBinder.setOrAdd(request, path, variable.getValue());
            } catch (QueryParameterBinder.BindingFailed e) {
                violations.add(new FieldViolation(variable.getKey(), e.getMessage()));
            }
            route.template().wildcardValues(variable.getKey(), variable.getValue()).stream()
                    .filter(id -> !ContractRules.isResourceId(id))
                    .forEach(id -> violations.add(new FieldViolation(variable.getKey(), ContractRules.resourceIdRule(id))));
        }
        FieldDescriptor pageSize = request.getDescriptorForType().findFieldByName("page_size");
        if (pageSize != null && pageSize.getJavaType() == FieldDescriptor.JavaType.INT && !pageSize.isRepeated()
                && !ContractRules.isPageSize((Integer) request.getField(pageSize))) {
            violations.add(new FieldViolation("page_size", ContractRules.pageSizeRule()));
        }
        if (!violations.isEmpty()) {
            throw Problems.badRequest("INVALID_FIELD_VALUE",
                    "Some values in the request are not valid. Check the fields named below.", violations);
        }
        return request.build();
    }

    private static void clear(DynamicMessage.Builder request, List<FieldDescriptor> path) {
        FieldPaths.update(request, path, (holder, field) -> holder.clearField(field));
    }
}

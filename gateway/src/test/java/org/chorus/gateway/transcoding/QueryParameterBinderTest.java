package org.chorus.gateway.transcoding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import org.chorus.commissions.v1.Commission;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.gateway.problem.Problem.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryParameterBinderTest {

    private final QueryParameterBinder binder = new QueryParameterBinder(JsonFormat.parser());

    @Test
    void lowerCamelAndSnakeNamesBothBindScalars() throws Exception {
        DynamicMessage.Builder camel = DynamicMessage.newBuilder(ListCommissionsRequest.getDescriptor());
        DynamicMessage.Builder snake = DynamicMessage.newBuilder(ListCommissionsRequest.getDescriptor());

        assertThat(binder.bind(camel, query("pageSize", "10", "pageToken", "abc"), List.of())).isEmpty();
        assertThat(binder.bind(snake, query("page_size", "10", "page_token", "abc"), List.of())).isEmpty();

        ListCommissionsRequest expected = ListCommissionsRequest.newBuilder().setPageSize(10).setPageToken("abc").build();
        assertThat(ListCommissionsRequest.parseFrom(camel.build().toByteString())).isEqualTo(expected);
        assertThat(ListCommissionsRequest.parseFrom(snake.build().toByteString())).isEqualTo(expected);
    }

    @Test
    void nestedFieldsEnumsAndWellKnownTypesBindThroughDottedNames() throws Exception {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(Commission.getDescriptor());

        List<FieldViolation> violations = binder.bind(builder, query(
                "state", "ARCHIVED",
                "startDate.year", "2026",
                "start_date.month", "3",
                "createTime", "2026-03-14T10:00:00Z"), List.of());

        assertThat(violations).isEmpty();
        Commission commission = Commission.parseFrom(builder.build().toByteString());
        assertThat(commission.getState()).isEqualTo(Commission.State.ARCHIVED);
        assertThat(commission.getStartDate().getYear()).isEqualTo(2026);
        assertThat(commission.getStartDate().getMonth()).isEqualTo(3);
        assertThat(commission.getCreateTime().getSeconds()).isEqualTo(1773482400L);
    }

    @Test
    void enumsBindByNumberToo() throws Exception {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(Commission.getDescriptor());

        assertThat(binder.bind(builder, query("state", "1"), List.of())).isEmpty();

        assertThat(Commission.parseFrom(builder.build().toByteString()).getState()).isEqualTo(Commission.State.ACTIVE);
    }

    @Test
    void repeatedFieldsCollectEveryValueInOrder() throws Exception {
        DynamicMessage.Builder mask = DynamicMessage.newBuilder(com.google.protobuf.FieldMask.getDescriptor());

        assertThat(binder.bind(mask, Map.of("paths", List.of("display_name", "place")), List.of())).isEmpty();

        assertThat(com.google.protobuf.FieldMask.parseFrom(mask.build().toByteString()).getPathsList())
                .containsExactly("display_name", "place");
    }

    @Test
    void wrongValuesUnknownNamesAndRepeatedSingularsAreViolationsNamingTheField() {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(ListCommissionsRequest.getDescriptor());

        List<FieldViolation> violations = binder.bind(builder, Map.of(
                "pageSize", List.of("ten"),
                "colour", List.of("blue"),
                "page_token", List.of("a", "b")), List.of());

        assertThat(violations).containsExactlyInAnyOrder(
                new FieldViolation("page_size", "Must be a whole number."),
                new FieldViolation("colour", "This query parameter is not known. Check its spelling."),
                new FieldViolation("page_token", "Give this query parameter only once."));
    }

    @Test
    void badEnumNameSaysWhichNamesAreAllowed() {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(Commission.getDescriptor());

        assertThat(binder.bind(builder, query("state", "OPEN"), List.of()))
                .containsExactly(new FieldViolation("state", "Must be one of ACTIVE, ARCHIVED."));
    }

    @Test
    void fieldsBoundByThePathOrBodyCannotComeFromTheQuery() {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(Commission.getDescriptor());

        List<FieldViolation> violations = binder.bind(builder, query("name", "commissions/x", "startDate.year", "2026"),
                List.of("name", "start_date"));

        assertThat(violations).extracting(FieldViolation::field).containsExactlyInAnyOrder("name", "start_date.year");
    }

    @Test
    void plainMessagesCannotComeFromTheQuery() {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(Commission.getDescriptor());

        assertThat(binder.bind(builder, query("startDate", "2026-03-14"), List.of()))
                .extracting(FieldViolation::field).containsExactly("start_date");
    }

    private static Map<String, List<String>> query(String... namesAndValues) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return query;
    }
}

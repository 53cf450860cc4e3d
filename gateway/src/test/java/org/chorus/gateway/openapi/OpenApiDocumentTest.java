package org.chorus.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.chorus.contract.ErrorReasons;
import org.chorus.contract.ProtoDescriptors;
import org.chorus.gateway.transcoding.RouteTable;
import org.junit.jupiter.api.Test;

/** The OpenAPI document made from the real contract in {@code chorus-proto}, without starting the gateway. */
class OpenApiDocumentTest {

    private static final ProtoDescriptors DESCRIPTORS = ProtoDescriptors.load(OpenApiDocumentTest.class.getClassLoader());
    private static final JsonObject DOCUMENT = JsonParser.parseString(
            OpenApiDocument.generate(DESCRIPTORS, RouteTable.from(DESCRIPTORS))).getAsJsonObject();

    private static JsonObject reason() {
        return DOCUMENT.getAsJsonObject("components").getAsJsonObject("schemas").getAsJsonObject(OpenApiDocument.PROBLEM)
                .getAsJsonObject("properties").getAsJsonObject("reason");
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        for (JsonElement element : array) {
            values.add(element.getAsString());
        }
        return values;
    }

    @Test
    void aProblemsReasonIsOneOfEveryDeclaredReasonAndNothingElse() {
        List<String> values = strings(reason().getAsJsonArray("enum"));

        assertThat(values).containsExactlyInAnyOrderElementsOf(ErrorReasons.declared());
        assertThat(values).contains("STALE_ETAG", "BODY_TOO_LARGE", "COMMISSION_NOT_SET_UP", "RATE_LIMITED")
                .doesNotContain("ERROR_REASON_UNSPECIFIED");
        assertThat(reason().get("type").getAsString()).isEqualTo("string");
    }

    @Test
    void eachReasonIsExplainedWithItsCommentFromTheProto() {
        String description = reason().get("description").getAsString();

        assertThat(description).contains("- `STALE_ETAG`: The `etag` sent is not the resource's current etag: someone "
                + "else changed it since the caller read it. Read the resource again");
        assertThat(description).contains("- `BODY_TOO_LARGE`: The request body is larger than the gateway takes. "
                + "Send less at a time.");
        for (String value : ErrorReasons.declared()) {
            assertThat(description).as("the description explains %s", value).containsPattern("- `" + value + "`: \\S");
        }
    }

    @Test
    void theExplanationsAreAlsoGivenAlongsideTheEnumForCodeGenerators() {
        List<String> values = strings(reason().getAsJsonArray("enum"));
        List<String> explained = strings(reason().getAsJsonArray("x-enum-descriptions"));

        assertThat(explained).hasSameSizeAs(values).doesNotContain("");
        assertThat(explained.get(values.indexOf("BODY_TOO_LARGE")))
                .isEqualTo("The request body is larger than the gateway takes. Send less at a time.");
        assertThat(explained.get(values.indexOf("STALE_ETAG"))).startsWith("The `etag` sent is not the resource's current etag");
    }
}

package org.chorus.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.chorus.contract.ErrorReasons;
import org.junit.jupiter.api.Test;

/** The scan behind {@link ErrorReasonsDeclaredTest} finds mistakes: run over small sources with known reasons. */
class ReasonScannerTest {

    private static final String WIDGETS = """
            package org.example.widgets;

            class WidgetService {
                static final String REASON = "WIDGET_BROKEN";

                Widget get(String id) {
                    throw ChorusException.notFound("NO_SUCH_WIDGET", "There is no such widget, sorry.");
                }

                void check(Violations violations, boolean odd) {
                    violations.throwIfAny(REASON, "Some details of the widget need fixing.");
                    throw ChorusException.invalid(odd ? "STALE_ETAG" : "WIDGET_ODD", "widget",
                            "The widget is odd.");
                }

                Problem missing() {
                    return Problem.of(404, "Not found", "Nothing here, (really).", "NO_SUCH_ROUTE");
                }

                // throw ChorusException.notFound("IN_A_COMMENT", "x");
                /** Never {@code ChorusException.aborted("IN_JAVADOC", "x")}. */
                String text = "ChorusException.notFound(\\"IN_A_STRING\\", \\"x\\")";

                void passOn(String why) {
                    throw ChorusException.aborted(why, "Someone else changed it.");
                }

                Object info() {
                    return com.google.rpc.ErrorInfo.newBuilder().setDomain("chorus.org")
                            .setReason("MADE_UP_IN_AN_ERROR_INFO").build();
                }

                String typed() {
                    return ErrorReason.RATE_LIMITED.name();
                }

                Problem checked(String why) {
                    return Problem.of(400, "Request not valid", "Fix it.", ErrorReasons.requireDeclared("CHECKED_TOO_LATE"));
                }

                void elsewhere() {
                    throw ChorusException.permissionDenied(Rules.REASON, "Only facilitators can.");
                }
            }
            """;

    private static final String RULES = """
            package org.example.widgets;

            final class Rules {
                static final String REASON = "NOT_A_FACILITATOR";
            }
            """;

    private final ReasonScanner.Result result = ReasonScanner.scan(Map.of(
            "widgets/src/main/java/org/example/widgets/WidgetService.java", WIDGETS,
            "widgets/src/main/java/org/example/widgets/Rules.java", RULES));

    private static final String SERVICE = "widgets/src/main/java/org/example/widgets/WidgetService.java";

    @Test
    void reportsEachUndeclaredReasonWithItsFileAndLine() {
        assertThat(result.sent().stream()
                .filter(sent -> !ErrorReasons.isDeclared(sent.reason()))
                .map(sent -> sent.place() + ": " + sent.reason()))
                .containsExactlyInAnyOrder(
                        SERVICE + ":7: NO_SUCH_WIDGET",
                        SERVICE + ":11: WIDGET_BROKEN",
                        SERVICE + ":12: WIDGET_ODD",
                        SERVICE + ":30: MADE_UP_IN_AN_ERROR_INFO",
                        SERVICE + ":38: CHECKED_TOO_LATE",
                        SERVICE + ":42: NOT_A_FACILITATOR");
    }

    @Test
    void countsDeclaredReasonsAsSent() {
        assertThat(result.sent().stream().map(ReasonScanner.Sent::reason))
                .contains("STALE_ETAG", "NO_SUCH_ROUTE", "RATE_LIMITED");
    }

    @Test
    void ignoresCallsInCommentsJavadocAndStrings() {
        assertThat(result.sent().stream().map(ReasonScanner.Sent::reason))
                .doesNotContain("IN_A_COMMENT", "IN_JAVADOC", "IN_A_STRING");
    }

    @Test
    void reportsAReasonItCannotWorkOut() {
        assertThat(result.unresolved())
                .containsExactly(new ReasonScanner.Unresolved("why", SERVICE + ":25"));
    }

    @Test
    void theRealSourcesWouldFailTheContractTestWithSuchAMistake() {
        // The same check ErrorReasonsDeclaredTest makes, on sources known to hold one mistake.
        ReasonScanner.Result oneMistake = ReasonScanner.scan(Map.of("a/src/main/java/A.java", """
                class A {
                    void go() {
                        throw ChorusException.aborted("STALE_ETAGG", "Someone else changed it.");
                    }
                }
                """));
        assertThat(oneMistake.sent()).containsExactly(new ReasonScanner.Sent("STALE_ETAGG", "a/src/main/java/A.java:3"));
        assertThat(ErrorReasons.isDeclared("STALE_ETAGG")).isFalse();
    }
}

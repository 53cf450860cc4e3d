package org.chorus.commissions.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class NewCommissionTest {

    @Test
    void aGoodRequestIsAccepted() {
        NewCommission c = NewCommission.of("leeds", "  Leeds Poverty Truth Commission ", " Leeds ",
                LocalDate.of(2026, 3, 14), "6f1c2a3e-6b7d-4a59-9b8e-2f4d5c6a7b8c");

        assertThat(c.id().resourceName()).isEqualTo("commissions/leeds");
        assertThat(c.displayName()).isEqualTo("Leeds Poverty Truth Commission");
        assertThat(c.place()).isEqualTo("Leeds");
        assertThat(c.requestId()).hasToString("6f1c2a3e-6b7d-4a59-9b8e-2f4d5c6a7b8c");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> NewCommission.of("Leeds!", " ", "x".repeat(121), null, "not-a-uuid"))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
                    assertThat(e.reason()).isEqualTo("INVALID_COMMISSION");
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly(
                            "commission_id", "commission.display_name", "commission.place", "request_id");
                });
    }

    @Test
    void aMissingIdIsAskedFor() {
        assertThatThrownBy(() -> NewCommission.of("", "Leeds", "", null, ""))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.description()).startsWith("Please give the commission an id.")));
    }

    @Test
    void anOverLongNameIsRefusedWithItsLimit() {
        assertThatThrownBy(() -> NewCommission.of("leeds", "x".repeat(121), "", null, ""))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .isEqualTo(new FieldViolation("commission.display_name",
                                "A name for the commission must be 120 characters or fewer.")));
    }

    @Test
    void theSameRequestHasTheSameFingerprintAndADifferentOneDoesNot() {
        NewCommission a = NewCommission.of("leeds", "Leeds", "Leeds", null, "");
        NewCommission same = NewCommission.of("leeds", " Leeds ", "Leeds", null, "");
        NewCommission other = NewCommission.of("leeds", "Leeds PTC", "Leeds", null, "");

        assertThat(a.fingerprint()).isEqualTo(same.fingerprint()).hasSize(64);
        assertThat(a.fingerprint()).isNotEqualTo(other.fingerprint());
    }
}

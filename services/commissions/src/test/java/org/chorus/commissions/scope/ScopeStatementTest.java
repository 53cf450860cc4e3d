package org.chorus.commissions.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class ScopeStatementTest {

    @Test
    void aChangeMakesTheNextVersionAndKeepsFieldsItDoesNotName() {
        ScopeStatement first = ScopeStatement.EMPTY.apply(ScopeChange.of("How the food bank runs", "The council's budget",
                "The budget is set by law each March", null), "dev", Instant.EPOCH);
        ScopeStatement second = first.apply(ScopeChange.of(null, null, "The budget was set in March.", null), "amara", Instant.EPOCH);

        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.openToCoProduction()).isEqualTo("How the food bank runs");
        assertThat(second.reasons()).isEqualTo("The budget was set in March.");
        assertThat(second.updatedBy()).isEqualTo("amara");
        assertThat(second.etag()).isNotEqualTo(first.etag());
    }

    @Test
    void aChangeOfNothingOrOfOverLongWordsIsRefused() {
        assertThatThrownBy(() -> ScopeChange.of(null, null, null, null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("update_mask"));
        assertThatThrownBy(() -> ScopeChange.of("x".repeat(4001), null, null, null))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("scope_statement.open_to_co_production"));
    }
}

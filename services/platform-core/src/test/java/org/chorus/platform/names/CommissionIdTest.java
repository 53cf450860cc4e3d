package org.chorus.platform.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommissionIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"leeds", "salford-2026", "abc", "a1234567890123456789012345678901234567z"})
    void slugsOfTheRightFormAreIds(String slug) {
        assertThat(CommissionId.isValid(slug)).isTrue();
        assertThat(CommissionId.fromName("commissions/" + slug)).isEqualTo(new CommissionId(slug));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Leeds", "1leeds", "leeds-", "leeds_city", "lee ds", "a12345678901234567890123456789012345678901"})
    void slugsOfAnyOtherFormAreRefused(String slug) {
        assertThat(CommissionId.isValid(slug)).isFalse();
        assertThat(CommissionId.fromName("commissions/" + slug)).isNull();
        assertThatThrownBy(() -> new CommissionId(slug)).hasMessage(CommissionId.RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"leeds", "commission/leeds", "commissions/leeds/sessions/s1", "commissions/"})
    void namesOfAnyOtherShapeAreRefused(String name) {
        assertThat(CommissionId.fromName(name)).isNull();
    }
}

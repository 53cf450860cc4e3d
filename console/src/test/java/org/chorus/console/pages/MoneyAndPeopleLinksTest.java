package org.chorus.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chorus.commissions.v1.Commission;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.junit.jupiter.api.Test;

/** The commission page offers money and people pages as the contract allows each role, and closing only while open. */
class MoneyAndPeopleLinksTest {

    private static final Commission OPEN = Commission.newBuilder().setName("commissions/leeds").setState(Commission.State.ACTIVE).build();
    private static final Commission CLOSED = OPEN.toBuilder().setState(Commission.State.ARCHIVED).build();

    @Test
    void aCoordinatorIsOfferedEverythingAndClosingOnlyWhileOpen() {
        Caller coordinator = new Caller("c-1", Optional.empty(), Set.of(Role.COORDINATOR), Map.of());

        assertThat(MoneyAndPeopleLinks.of(coordinator, "leeds", OPEN)).isEqualTo(new MoneyAndPeopleLinks(true, true, true, true, true));
        assertThat(MoneyAndPeopleLinks.of(coordinator, "leeds", CLOSED).archive()).isFalse();
    }

    @Test
    void financeHandlesTheMoneyButNotThePeople() {
        Caller finance = new Caller("f-1", Optional.empty(), Set.of(), Map.of("leeds", Set.of(Role.FINANCE)));

        assertThat(MoneyAndPeopleLinks.of(finance, "leeds", OPEN)).isEqualTo(new MoneyAndPeopleLinks(true, true, true, false, false));
        assertThat(MoneyAndPeopleLinks.of(finance, "salford", OPEN)).isEqualTo(new MoneyAndPeopleLinks(false, false, false, false, false));
    }

    @Test
    void aFacilitatorReadsThePayPolicyAndGivesRolesButPaysNobody() {
        Caller facilitator = new Caller("d-1", Optional.empty(), Set.of(), Map.of("leeds", Set.of(Role.FACILITATOR)));

        assertThat(MoneyAndPeopleLinks.of(facilitator, "leeds", OPEN)).isEqualTo(new MoneyAndPeopleLinks(false, false, true, true, false));
    }

    @Test
    void aMemberIsOfferedNone() {
        Caller member = new Caller("m-1", Optional.empty(), Set.of(), Map.of("leeds", Set.of(Role.MEMBER)));

        assertThat(MoneyAndPeopleLinks.of(member, "leeds", OPEN)).isEqualTo(new MoneyAndPeopleLinks(false, false, false, false, false));
    }
}

package org.chorus.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void aSumThatDoesNotAddUpIsRefusedAtBuild() {
        Table.Builder builder = Table.builder().cell("a", 3, 3).cell("b", 4, 4).cell("total", 8, 8)
                .sum("total", List.of("a", "b"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("total = a + b").hasMessageContaining("make 7").hasMessageContaining("is 8");
    }

    @Test
    void aSumNamingAnUnknownIdIsRefusedAtBuild() {
        Table.Builder builder = Table.builder().cell("a", 3, 3).cell("total", 3, 3).sum("total", List.of("a", "ghost"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
    }

    @Test
    void aDuplicateIdIsRefusedAtBuild() {
        Table.Builder builder = Table.builder().cell("a", 3, 3).fact("a", 4);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
    }

    @Test
    void aPartTwiceInOneSumIsRefusedAtBuild() {
        Table.Builder builder = Table.builder().cell("a", 3, 3).cell("total", 6, 6).sum("total", List.of("a", "a"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void negativeFiguresAreRefused() {
        assertThatThrownBy(() -> Table.builder().cell("a", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Table.builder().cell("a", 5, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Table.builder().fact("a", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueWithNobodyBehindItOrFewerUnitsThanPeopleIsRefused() {
        assertThatThrownBy(() -> Table.builder().cell("hours", 5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody");
        assertThatThrownBy(() -> Table.builder().cell("hours", 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 people");
    }

    @Test
    void aCellMayBeAPartOfSeveralSumsAndTheTotalOfAnother() {
        Table table = Table.builder()
                .cell("c1.m1", 3, 3).cell("c1.m2", 5, 5).cell("c1.q", 8, 8)
                .cell("c2.m1", 10, 10).cell("c2.m2", 0, 0).cell("c2.q", 10, 10)
                .cell("all.m1", 13, 13).cell("all.m2", 5, 5).cell("all.q", 18, 18)
                .sum("c1.q", List.of("c1.m1", "c1.m2")).sum("c2.q", List.of("c2.m1", "c2.m2"))
                .sum("all.q", List.of("all.m1", "all.m2")).sum("all.m1", List.of("c1.m1", "c2.m1"))
                .sum("all.m2", List.of("c1.m2", "c2.m2")).sum("all.q", List.of("c1.q", "c2.q"))
                .build();

        assertThat(table.ids()).hasSize(9);
        assertThat(table.sums()).hasSize(6);
        assertThat(table.value("all.q")).isEqualTo(18);
        assertThat(table.isFact("c1.q")).isFalse();
    }
}

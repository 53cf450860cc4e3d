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
    void distinctTotalsAreCheckedAtBuild() {
        Table.Builder belowAPart = Table.builder().cell("m1", 3, 3).cell("m2", 12, 12).cell("q", 10, 10)
                .distinct("q", List.of("m1", "m2"));
        Table.Builder aboveThePartsTogether = Table.builder().cell("m1", 3, 3).cell("m2", 4, 4).cell("q", 8, 8)
                .distinct("q", List.of("m1", "m2"));
        Table.Builder unknown = Table.builder().cell("m1", 3, 3).cell("q", 3, 3).distinct("q", List.of("m1", "ghost"));
        Table.Builder unknownTotal = Table.builder().cell("m1", 3, 3).distinct("ghost", List.of("m1"));
        Table.Builder partTwice = Table.builder().cell("m1", 3, 3).cell("q", 3, 3).distinct("q", List.of("m1", "m1"));
        Table.Builder totalAmongItsParts = Table.builder().cell("m1", 3, 3).cell("q", 3, 3)
                .distinct("q", List.of("m1", "q"));
        Table.Builder noParts = Table.builder().cell("q", 3, 3).distinct("q", List.of());

        assertThatThrownBy(belowAPart::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The distinct count q over m1, m2 does not fit: m2 is 12, more than the total of 10");
        assertThatThrownBy(aboveThePartsTogether::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The distinct count q over m1, m2 does not fit: the parts make 7 together, fewer than the total of 8");
        assertThatThrownBy(unknown::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost")
                .hasMessageContaining("no cell or fact");
        assertThatThrownBy(unknownTotal::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
        assertThatThrownBy(partTwice::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m1 appears twice");
        assertThatThrownBy(totalAmongItsParts::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("q appears twice");
        assertThatThrownBy(noParts::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The distinct count for q has no parts");
    }

    @Test
    void aDistinctCountMayBeAnythingFromItsBiggestPartToItsPartsTogether() {
        Table table = Table.builder().cell("m1", 3, 3).cell("m2", 12, 12).cell("m3", 0, 0)
                .cell("everyoneCameBack", 12, 12).cell("nobodyCameBack", 15, 15)
                .distinct("everyoneCameBack", List.of("m1", "m2", "m3"))
                .distinct("nobodyCameBack", List.of("m1", "m2", "m3"))
                .build();

        assertThat(table.distincts()).containsExactly(
                new Table.Distinct("everyoneCameBack", List.of("m1", "m2", "m3")),
                new Table.Distinct("nobodyCameBack", List.of("m1", "m2", "m3")));
        assertThat(table.sums()).isEmpty();
    }

    @Test
    void theShapeAloneTellsThatADistinctCountIsAtLeastItsBiggestPart() {
        // The network's quarter sums three commissions' quarters that are not zero, so it is at least 3
        // whatever is hidden; the network's year counts distinct people over that quarter, so it is too.
        Table table = Table.builder()
                .cell("a.q1", 5, 5).cell("b.q1", 6, 6).cell("c.q1", 7, 7).cell("all.q1", 18, 18).cell("all.q2", 2, 2)
                .cell("all.year", 19, 19)
                .sum("all.q1", List.of("a.q1", "b.q1", "c.q1")).distinct("all.year", List.of("all.q1", "all.q2"))
                .build();

        assertThat(table.leastFromShape(table.indexOf("all.q1"))).isEqualTo(3);
        assertThat(table.leastFromShape(table.indexOf("all.year"))).as("not 3 + 1: someone may have come both quarters")
                .isEqualTo(3);
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

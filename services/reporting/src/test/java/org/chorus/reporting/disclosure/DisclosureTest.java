package org.chorus.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DisclosureTest {

    private static final Shown HIDDEN = new Shown.Hidden();
    private static final Shown STAR = new Shown.Small();
    private static final Rule K10 = Rule.threshold(10);

    private static Shown figure(long value) {
        return new Shown.Figure(value);
    }

    private static Published publish(Rule rule, Table table) {
        Published published = new Disclosure(rule).publish(table);
        assertThat(DisclosureAudit.audit(table, published, rule).unprotected()).as("unprotected cells").isEmpty();
        return published;
    }

    @Test
    void aSmallCountIsHidden() {
        Table table = Table.builder().cell("few", 3, 3).cell("many", 50, 50).build();

        Published published = publish(K10, table);

        assertThat(published.of("few")).isEqualTo(HIDDEN);
        assertThat(published.of("many")).isEqualTo(figure(50));
    }

    @Test
    void aCountOfExactlyTheThresholdIsShown() {
        Table table = Table.builder().cell("ten", 10, 10).cell("nine", 9, 9).build();

        Published published = publish(K10, table);

        assertThat(published.of("ten")).isEqualTo(figure(10));
        assertThat(published.of("nine")).isEqualTo(HIDDEN);
    }

    @Test
    void aZeroIsShown() {
        Table table = Table.builder().cell("nobody", 0, 0).build();

        assertThat(publish(K10, table).of("nobody")).isEqualTo(figure(0));
    }

    @Test
    void aZeroIsNeverHiddenToProtectAnotherCell() {
        Table table = Table.builder().cell("a", 3, 3).cell("zero", 0, 0).cell("b", 50, 50).cell("total", 53, 53)
                .sum("total", List.of("a", "zero", "b")).build();

        Published published = publish(K10, table);

        assertThat(published.of("zero")).isEqualTo(figure(0));
        assertThat(published.of("b")).isEqualTo(HIDDEN);
    }

    @Test
    void aLoneHiddenCellInARowWithAPublishedTotalGetsAPartnerHidden() {
        Table table = Table.builder().cell("a", 3, 3).cell("b", 40, 40).cell("c", 100, 100).cell("total", 143, 143)
                .sum("total", List.of("a", "b", "c")).build();

        Published primaryOnly = new Disclosure(K10).publishPrimaryOnly(table);
        Published published = publish(K10, table);

        assertThat(DisclosureAudit.audit(table, primaryOnly, K10).cells().get("a"))
                .as("alone, the total gives it away").isEqualTo(new AuditResult.Range(3, 3, false));
        assertThat(published.cells()).containsExactly(
                java.util.Map.entry("a", HIDDEN), java.util.Map.entry("b", HIDDEN),
                java.util.Map.entry("c", figure(100)), java.util.Map.entry("total", figure(143)));
    }

    @Test
    void twoSmallCellsOfThreeAndFourInARowForceAThirdHidden() {
        Table table = Table.builder().cell("a", 3, 3).cell("b", 4, 4).cell("c", 20, 20).cell("d", 30, 30)
                .cell("total", 57, 57).sum("total", List.of("a", "b", "c", "d")).build();

        Published primaryOnly = new Disclosure(K10).publishPrimaryOnly(table);
        Published published = publish(K10, table);

        // Together they make 7, so each lies in 1..6: a range of 5, under 10.
        assertThat(DisclosureAudit.audit(table, primaryOnly, K10).cells().get("a"))
                .isEqualTo(new AuditResult.Range(1, 6, false));
        assertThat(published.of("a")).isEqualTo(HIDDEN);
        assertThat(published.of("b")).isEqualTo(HIDDEN);
        assertThat(published.of("c")).as("the smallest published part").isEqualTo(HIDDEN);
        assertThat(published.of("d")).isEqualTo(figure(30));
        assertThat(published.of("total")).isEqualTo(figure(57));
    }

    @Test
    void factsAreNeverHidden() {
        // Sessions held is a fact; the cell beside it can only be protected by hiding the total, which
        // has 12 people behind it and so is not small itself.
        Table table = Table.builder().cell("people", 3, 3).fact("sessions", 40).cell("total", 43, 12)
                .sum("total", List.of("people", "sessions")).build();

        Published primaryOnly = new Disclosure(K10).publishPrimaryOnly(table);
        Published published = publish(K10, table);

        assertThat(primaryOnly.of("total")).isEqualTo(figure(43));

        assertThat(published.of("sessions")).isEqualTo(figure(40));
        assertThat(published.of("people")).isEqualTo(HIDDEN);
        assertThat(published.of("total")).isEqualTo(HIDDEN);
    }

    @Test
    void aSmallFactIsShownExactlyUnderBothRules() {
        Table table = Table.builder().fact("sessions", 3).build();

        assertThat(publish(K10, table).of("sessions")).isEqualTo(figure(3));
        assertThat(publish(Rule.nhs(), table).of("sessions")).isEqualTo(figure(3));
    }

    @Test
    void aCellThatOnlyFactsPinDownStaysHiddenWithEverythingJoinedToItAndTheAuditSaysSo() {
        Table table = Table.builder().fact("sessions", 7).cell("a", 3, 3).cell("b", 4, 4)
                .sum("sessions", List.of("a", "b")).build();

        Published published = new Disclosure(K10).publish(table);

        assertThat(published.cells()).containsExactly(java.util.Map.entry("sessions", figure(7)),
                java.util.Map.entry("a", HIDDEN), java.util.Map.entry("b", HIDDEN));
        assertThat(DisclosureAudit.audit(table, published, K10).unprotected()).containsExactly("a", "b");
    }

    @Test
    void aFewPeoplesHoursMustBeUncertainByAFifthOfTheirValueNotJustByK() {
        // a − b is published (x is in both sums), so a lies in 296..344: 48 wide, over k but under 300 / 5.
        Table table = Table.builder().cell("a", 300, 2).cell("b", 5, 1).cell("x", 45, 20)
                .cell("first", 345, 22).cell("second", 50, 21)
                .sum("first", List.of("a", "x")).sum("second", List.of("b", "x")).build();
        Published narrow = new Published(java.util.Map.of("a", HIDDEN, "b", HIDDEN, "x", HIDDEN,
                "first", figure(345), "second", figure(50)));

        AuditResult audit = DisclosureAudit.audit(table, narrow, K10);
        Published published = publish(K10, table);

        assertThat(audit.cells().get("a")).isEqualTo(new AuditResult.Range(296, 344, false));
        assertThat(audit.cells().get("b").isProtected()).isTrue();
        assertThat(published.of("a")).isEqualTo(HIDDEN);
        assertThat(published.cells().values()).filteredOn(HIDDEN::equals).hasSizeGreaterThan(3);
    }

    @Test
    void nhsStarsOneToSevenAndRoundsEveryOtherFigureToTheNearestFive() {
        Table table = Table.builder().cell("one", 1, 1).cell("seven", 7, 7).cell("eight", 8, 8).cell("twelve", 12, 12)
                .cell("thirteen", 13, 13).cell("zero", 0, 0).cell("hours", 7, 2).fact("sessions", 12).build();

        Published published = publish(Rule.nhs(), table);

        assertThat(published.cells()).containsExactly(java.util.Map.entry("one", STAR), java.util.Map.entry("seven", STAR),
                java.util.Map.entry("eight", figure(10)), java.util.Map.entry("twelve", figure(10)),
                java.util.Map.entry("thirteen", figure(15)), java.util.Map.entry("zero", figure(0)),
                java.util.Map.entry("hours", STAR), java.util.Map.entry("sessions", figure(12)));
    }

    @Test
    void nhsRoundingAloneCanProtectAStar() {
        Table table = Table.builder().cell("star", 3, 3).cell("a", 50, 50).cell("b", 60, 60).cell("total", 113, 113)
                .sum("total", List.of("star", "a", "b")).build();

        Published published = publish(Rule.nhs(), table);

        assertThat(published.cells().values()).containsExactly(STAR, figure(50), figure(60), figure(115));
    }

    @Test
    void nhsHidesMoreWhenRoundingAloneGivesAStarAway() {
        // Shown as 10 = * + 10, and a shown figure is at least 8, so the star would be at most 4.
        Table table = Table.builder().cell("star", 3, 3).cell("a", 8, 8).cell("total", 11, 11)
                .sum("total", List.of("star", "a")).build();

        Published primaryOnly = new Disclosure(Rule.nhs()).publishPrimaryOnly(table);
        Published published = publish(Rule.nhs(), table);

        assertThat(DisclosureAudit.audit(table, primaryOnly, Rule.nhs()).cells().get("star"))
                .isEqualTo(new AuditResult.Range(1, 4, false));
        assertThat(published.of("star")).isEqualTo(STAR);
        assertThat(published.of("a")).isEqualTo(HIDDEN);
    }

    @Test
    void nhsHidesAStarredTotalOfStarredPartsSinceNoFigureCanHelp() {
        // Shown as * = * + *, each part would be at most 6: only hiding the total frees them.
        Table table = Table.builder().cell("a", 1, 1).cell("b", 3, 3).cell("total", 4, 4)
                .sum("total", List.of("a", "b")).build();

        Published published = publish(Rule.nhs(), table);

        assertThat(published.of("total")).isEqualTo(HIDDEN);
    }

    @Test
    void aHiddenMonthIsPinnedByItsQuarterWhenTheOtherMonthsAreEmpty() {
        // c2's quarter counts only its first month's people, since nobody came in its other two months. A
        // month that is small itself can never be pinned so (its quarter would be small and hidden too),
        // but a month hidden to protect another can: here c2.m1 is hidden to protect c1.m1 in their column.
        Table table = Table.builder()
                .cell("c1.m1", 4, 4).cell("c1.m2", 20, 20).cell("c1.m3", 30, 30).cell("c1.q", 40, 40)
                .cell("c2.m1", 15, 15).cell("c2.m2", 0, 0).cell("c2.m3", 0, 0).cell("c2.q", 15, 15)
                .cell("all.m1", 19, 19).cell("all.m2", 20, 20).cell("all.m3", 30, 30).cell("all.q", 55, 55)
                .sum("all.m1", List.of("c1.m1", "c2.m1")).sum("all.m2", List.of("c1.m2", "c2.m2"))
                .sum("all.m3", List.of("c1.m3", "c2.m3")).sum("all.q", List.of("c1.q", "c2.q"))
                .distinct("c1.q", List.of("c1.m1", "c1.m2", "c1.m3")).distinct("c2.q", List.of("c2.m1", "c2.m2", "c2.m3"))
                .distinct("all.q", List.of("all.m1", "all.m2", "all.m3"))
                .build();

        Published blindToDistinctCounts = new Disclosure(K10).publish(HierarchicalTables.withoutDistinctCounts(table));
        Published published = publish(K10, table);

        assertThat(DisclosureAudit.audit(table, blindToDistinctCounts, K10).cells()).containsExactly(
                java.util.Map.entry("c1.m1", new AuditResult.Range(4, 4, false)),
                java.util.Map.entry("c2.m1", new AuditResult.Range(15, 15, false)));
        assertThat(published.of("c2.m1")).isEqualTo(HIDDEN);
        assertThat(published.of("c2.q")).as("the quarter that pinned it").isEqualTo(HIDDEN);
    }

    @Test
    void aSmallMonthIsCappedByItsQuarterSoAQuarterOfTenIsHiddenToo() {
        // Everyone who came in m1 came in m2 too: the quarter's 10 people cap m1 at 10, so a reader knows
        // it is 1 to 10, narrower than k. Hiding m2 would not lift the cap; hiding the quarter does.
        Table table = Table.builder().cell("m1", 4, 4).cell("m2", 10, 10).cell("m3", 0, 0).cell("q", 10, 10)
                .distinct("q", List.of("m1", "m2", "m3")).build();

        Published primaryOnly = new Disclosure(K10).publishPrimaryOnly(table);
        Published published = publish(K10, table);

        assertThat(DisclosureAudit.audit(table, primaryOnly, K10).cells().get("m1"))
                .isEqualTo(new AuditResult.Range(1, 10, false));
        assertThat(published.cells()).containsExactly(java.util.Map.entry("m1", HIDDEN), java.util.Map.entry("m2", figure(10)),
                java.util.Map.entry("m3", figure(0)), java.util.Map.entry("q", HIDDEN));
    }

    @Test
    void nhsKeepsAStarredQuarterOfStarredMonthsStarredSinceADistinctCountLeavesThemRoom() {
        // Unlike a starred sum of starred parts: the quarter may be anything from 1 to 7 whatever the months are.
        Table table = Table.builder().cell("m1", 1, 1).cell("m2", 3, 3).cell("q", 4, 4)
                .distinct("q", List.of("m1", "m2")).build();

        Published published = publish(Rule.nhs(), table);

        assertThat(published.cells().values()).containsExactly(STAR, STAR, STAR);
    }

    @Test
    void publishingIsDeterministic() {
        for (HierarchicalTables.Figures figures : HierarchicalTables.Figures.values()) {
            HierarchicalTables.Shape shape = new HierarchicalTables.Shape(12, 4, 0.35, 0.1, figures, false);
            Table first = HierarchicalTables.draw(new Random(42), shape);
            Table again = HierarchicalTables.draw(new Random(42), shape);

            for (Rule rule : List.of(K10, Rule.nhs(), Rule.threshold(3))) {
                Published published = new Disclosure(rule).publish(first);
                assertThat(new Disclosure(rule).publish(first)).isEqualTo(published);
                assertThat(new Disclosure(rule).publish(again)).isEqualTo(published);
            }
        }
    }

    @Test
    void aThresholdBelowTwoIsRefused() {
        assertThatThrownBy(() -> Rule.threshold(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new Rule(10, true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Rule.nhs()).isEqualTo(new Rule(8, true));
    }

    @Test
    void theAuditRefusesAStarUnderAThresholdRule() {
        Table table = Table.builder().cell("a", 3, 3).build();

        assertThatThrownBy(() -> DisclosureAudit.audit(table, new Published(java.util.Map.of("a", STAR)), K10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

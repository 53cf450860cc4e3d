package org.chorus.reporting.impact;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.reporting.disclosure.Disclosure;
import org.chorus.reporting.disclosure.Published;
import org.chorus.reporting.disclosure.Rule;
import org.chorus.reporting.disclosure.Shown;
import org.chorus.reporting.outcome.Outcome;
import org.chorus.reporting.outcome.OutcomeService;
import org.chorus.reporting.readmodel.Figures;
import org.chorus.reporting.readmodel.Measure;
import org.chorus.reporting.readmodel.NetworkCells;
import org.chorus.reporting.readmodel.Period;
import org.springframework.stereotype.Service;

/**
 * Impact figures for a commission or the network, a period or a series of them, and CSV tables: every figure about
 * people is read from the one published table of its measure and year ({@link ImpactTables}), after disclosure
 * control, whichever way it leaves. Published tables are kept until any commission's figures change.
 */
@Service
public class ImpactService {

    /** Reports count in the UK's calendar. */
    static final ZoneId UK = ZoneId.of("Europe/London");
    static final int MOST_YEARS = 10;

    private final NetworkCells cells;
    private final Highlights highlights;
    private final Credits credits;
    private final OutcomeService outcomes;
    private final CommissionTransactions transactions;
    private final Rule rule;
    private final Disclosure disclosure;
    /** Each year's published figures, by year: replaced by the clock when the figures change ({@link #publishAhead}). */
    private final Map<Integer, Year> years = new ConcurrentHashMap<>();

    public ImpactService(NetworkCells cells, Highlights highlights, Credits credits, OutcomeService outcomes,
                         CommissionTransactions transactions, Rule rule) {
        this.cells = cells;
        this.highlights = highlights;
        this.credits = credits;
        this.outcomes = outcomes;
        this.transactions = transactions;
        this.rule = rule;
        this.disclosure = new Disclosure(rule);
    }

    /** The figures of one period, with what was done and changed in it (for a commission) and plain words. */
    public ImpactReport impact(Caller caller, Scope scope, String periodText) {
        Violations violations = new Violations();
        Period period = period(periodText, "period", null, violations);
        violations.throwIfAny("INVALID_REPORT_REQUEST", "The report asked for is not valid. Please check the fields listed.");
        List<String> provisioned = transactions.provisionedCommissions();
        List<String> commissions = readable(caller, scope, provisioned);
        Year year = year(period.year(), provisioned);
        List<ShownFigure> figures = Arrays.stream(Measure.values()).map(m -> year.figure(m, scope, period)).toList();
        Instant from = start(period);
        Instant to = start(period.next());
        List<String> focus = List.of();
        List<Highlights.PhaseChange> phases = List.of();
        List<String> learnt = List.of();
        List<Outcome> approved = List.of();
        Optional<List<String>> named = Optional.of(List.of());
        boolean youTookPart = false;
        if (!scope.isNetwork()) {
            // A member's id in the commission is their sign-in subject: the summary can speak to them.
            boolean member = caller.rolesIn(scope.commission()).contains(Role.MEMBER);
            record Words(List<String> focus, List<Highlights.PhaseChange> phases, List<String> learnt, List<Outcome> approved,
                         boolean youTookPart) {
            }
            Words words = transactions.inCommission(caller, scope.commission(), () -> new Words(highlights.focusIssuesChosen(from, to),
                    highlights.phaseChanges(from, to), highlights.learnt(from, to),
                    outcomes.approvedBetween(caller, scope.commission(), from, to),
                    member && highlights.tookPart(caller.subject(), from, to)));
            focus = words.focus();
            phases = words.phases();
            learnt = words.learnt();
            approved = words.approved();
            youTookPart = words.youTookPart();
            named = credits.of(scope.commission());
        }
        return new ImpactReport(scope, period, figures, focus, phases, approved, learnt, Summary.of(figures, approved, youTookPart),
                ruleInWords(), cells.newestEvent(commissions), named.orElse(List.of()), named.isEmpty());
    }

    /** One measure over consecutive periods of one length, oldest first. */
    public List<Map.Entry<Period, ShownFigure>> series(Caller caller, Scope scope, String measureName, Period.Length interval,
                                                       String startText, String endText) {
        Violations violations = new Violations();
        Measure measure = measure(measureName, "measure", violations);
        violations.check(interval != null, "interval", "Say how long each period is: MONTH, QUARTER or YEAR.");
        Period start = period(startText, "start_period", interval, violations);
        Period end = period(endText, "end_period", interval, violations);
        if (start != null && end != null) {
            violations.check(start.compareTo(end) <= 0, "end_period", "The last period must not be before the first.");
            violations.check(end.firstMonth().isBefore(start.firstMonth().plusYears(MOST_YEARS)), "end_period",
                    "A series can span at most " + MOST_YEARS + " years. Ask for a shorter one, or use longer periods.");
        }
        violations.throwIfAny("INVALID_REPORT_REQUEST", "The series asked for is not valid. Please check the fields listed.");
        List<String> provisioned = transactions.provisionedCommissions();
        readable(caller, scope, provisioned);
        List<Map.Entry<Period, ShownFigure>> points = new ArrayList<>();
        Year year = null;
        for (Period p = start; p.compareTo(end) <= 0; p = p.next()) {
            year = year != null && year.year == p.year() ? year : year(p.year(), provisioned);
            points.add(Map.entry(p, year.figure(measure, scope, p)));
        }
        return points;
    }

    /** A measure's table for a year as CSV: a row per period, a column per commission in the scope (and the network's). */
    public Csv export(Caller caller, Scope scope, String tableName, int yearNumber) {
        Violations violations = new Violations();
        Measure measure = measure(tableName, "table", violations);
        violations.check(yearNumber >= 1900 && yearNumber <= 9999, "year", "Give a year, for example 2026.");
        violations.throwIfAny("INVALID_REPORT_REQUEST", "The table asked for is not valid. Please check the fields listed.");
        List<String> provisioned = transactions.provisionedCommissions();
        List<String> columns = readable(caller, scope, provisioned);
        Year year = year(yearNumber, provisioned);
        StringBuilder csv = new StringBuilder("Period");
        columns.forEach(c -> csv.append(',').append(c));
        if (scope.isNetwork()) {
            csv.append(",Network");
        }
        csv.append("\r\n");
        for (Period period : Period.ofYear(yearNumber)) {
            csv.append(period);
            for (String commission : columns) {
                csv.append(',').append(Csv.cell(year.figure(measure, new Scope(commission), period).text()));
            }
            if (scope.isNetwork()) {
                csv.append(',').append(Csv.cell(year.figure(measure, Scope.NETWORK, period).text()));
            }
            csv.append("\r\n");
        }
        return new Csv("chorus-impact-" + scope.label() + "-" + measure.name().toLowerCase().replace('_', '-') + "-" + yearNumber + ".csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A CSV file and its name. */
    public record Csv(String fileName, byte[] content) {

        /** A cell as CSV writes it: quoted when it holds a comma or a quote. */
        static String cell(String text) {
            return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
        }
    }

    /**
     * Publishes again, whole, every year whose figures changed since it was published: this year, last year and
     * any other year asked for. The clock calls this (every {@code chorus.reporting.publish-every}); requests read
     * the last published year, so none waits for disclosure control, and what they read is at most that long behind
     * the read models.
     */
    public void publishAhead(int thisYear) {
        List<String> provisioned = transactions.provisionedCommissions();
        long generation = cells.generation();
        java.util.Set<Integer> due = new java.util.TreeSet<>(years.keySet());
        due.add(thisYear);
        due.add(thisYear - 1);
        for (int yearNumber : due) {
            Year known = years.get(yearNumber);
            if (known == null || known.generation != generation || !known.commissions.equals(provisioned)) {
                years.put(yearNumber, publishedWhole(yearNumber, provisioned, generation));
            }
        }
    }

    private Year publishedWhole(int yearNumber, List<String> commissions, long generation) {
        Year year = new Year(yearNumber, List.copyOf(commissions), generation);
        for (Measure measure : Measure.values()) {
            if (measure.kind() != Measure.Kind.FACT) {
                year.published(measure);
            }
        }
        return year;
    }

    /** How small figures are hidden, in plain words. */
    public String ruleInWords() {
        return rule.isNhs()
                ? "Figures about 1 to 7 people are shown as \"fewer than 8\", and every other figure about people is rounded to the nearest 5."
                : "Figures about fewer than " + rule.threshold() + " people are not shown, nor any figure they could be worked out from.";
    }

    /** The commissions whose figures the caller may read in the scope; a network scope needs a network role. */
    private static List<String> readable(Caller caller, Scope scope, List<String> commissions) {
        if (scope.isNetwork()) {
            if (!caller.seesEveryCommission()) {
                throw ChorusException.permissionDenied("NOT_ALLOWED",
                        "Only network coordinators and network dashboards can read the whole network's impact.");
            }
            return commissions;
        }
        if (!caller.canSee(scope.commission()) || !commissions.contains(scope.commission())) {
            // Whether it exists or not: a commission the caller cannot see looks like one that does not exist.
            throw ChorusException.notFound("COMMISSION_NOT_FOUND", "There is no commission " + scope.commission() + " that you can see.");
        }
        return List.of(scope.commission());
    }

    /**
     * A year's figures as they may be shown: as last published (the clock publishes changes again), or published now
     * when the year was never asked for or a commission was set up since.
     */
    private Year year(int year, List<String> commissions) {
        Year known = years.get(year);
        if (known != null && known.commissions.equals(commissions)) {
            return known;
        }
        return years.compute(year, (y, old) -> old != null && old.commissions.equals(commissions) ? old
                : new Year(y, List.copyOf(commissions), cells.generation()));
    }

    /**
     * One year's figures as they may be shown, from one reading of every commission's figures: the published table of
     * each measure about people, made when first asked.
     */
    private final class Year {
        private final int year;
        private final List<String> commissions;
        private final long generation;
        private final Map<Measure, Published> published = new ConcurrentHashMap<>();
        private volatile Map<String, Figures> figures;

        Year(int year, List<String> commissions, long generation) {
            this.year = year;
            this.commissions = commissions;
            this.generation = generation;
        }

        ShownFigure figure(Measure measure, Scope scope, Period period) {
            String row = scope.isNetwork() ? ImpactTables.NETWORK : scope.commission();
            if (measure.kind() == Measure.Kind.FACT) {
                long value = scope.isNetwork()
                        ? commissions.stream().mapToLong(c -> figures().getOrDefault(c, new Figures(Map.of())).of(measure, period.toString()).value()).sum()
                        : figures().getOrDefault(row, new Figures(Map.of())).of(measure, period.toString()).value();
                return ShownFigure.exact(measure, value);
            }
            return switch (published(measure).of(ImpactTables.cell(row, period))) {
                case Shown.Figure f -> rule.isNhs() && f.value() != 0 ? ShownFigure.rounded(measure, f.value()) : ShownFigure.exact(measure, f.value());
                case Shown.Small s -> ShownFigure.small(measure, rule.threshold());
                case Shown.Hidden h -> ShownFigure.hidden(measure);
            };
        }

        /** The measure's published table, made the first time it is asked for. */
        Published published(Measure measure) {
            return published.computeIfAbsent(measure, m -> disclosure.publish(ImpactTables.table(m, year, commissions, figures())));
        }

        private Map<String, Figures> figures() {
            if (figures == null) {
                figures = cells.ofYear(year);
            }
            return figures;
        }
    }

    private static Period period(String text, String field, Period.Length length, Violations violations) {
        Period period = Period.parse(text).orElse(null);
        String example = length == null ? "2026, 2026-Q1 or 2026-03" : switch (length) {
            case YEAR -> "2026";
            case QUARTER -> "2026-Q1";
            case MONTH -> "2026-03";
        };
        if (!violations.check(period != null, field, "Give a period as a year, a quarter or a month, for example " + example + ".")) {
            return null;
        }
        if (length != null && !violations.check(period.length() == length, field,
                "Give the period the way the interval counts, for example " + example + ".")) {
            return null;
        }
        return period;
    }

    private static Measure measure(String name, String field, Violations violations) {
        try {
            return Measure.valueOf(name == null ? "" : name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            violations.check(false, field, "There is no measure called \"" + name + "\". The measures are: "
                    + Arrays.stream(Measure.values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
            return null;
        }
    }

    /** When a period starts, in the UK. */
    static Instant start(Period period) {
        YearMonth month = period.firstMonth();
        return month.atDay(1).atStartOfDay(UK).toInstant();
    }
}

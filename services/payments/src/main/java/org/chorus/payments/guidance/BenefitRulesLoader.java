package org.chorus.payments.guidance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one tax year's rules file (JSON, see {@code benefits-rules/2025-26.json}) into
 * {@link BenefitRules}. The only class of the guidance that knows about JSON, so the rest stays
 * plain Java.
 *
 * <p>A file that is malformed, misses a figure, gives a figure in the wrong unit, or names a
 * different year than its file name is refused with {@link IllegalStateException}: that is a
 * broken release, not something a person asked for, and guessing would be worse.
 */
public final class BenefitRulesLoader {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private BenefitRulesLoader() {
    }

    /** Reads the rules for {@code expectedYear} from {@code in}, named {@code fileName} in errors. */
    public static BenefitRules read(InputStream in, TaxYear expectedYear, String fileName) {
        JsonNode root;
        try (in) {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalStateException(fileName + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + fileName, e);
        }
        String yearId = root.path("tax_year").asString("");
        if (!expectedYear.id().equals(yearId)) {
            throw new IllegalStateException(fileName + " says it is for tax year '" + yearId
                    + "' but its name says " + expectedYear.id());
        }
        String version = root.path("version").asString("");
        if (version.isBlank()) {
            throw new IllegalStateException(fileName + " has no version");
        }
        Figures f = new Figures(root.path("figures"), expectedYear, fileName);
        return new BenefitRules(expectedYear, version,
                f.pencePerPound("universal_credit.taper"),
                f.money("universal_credit.work_allowance.with_housing_costs", "pounds_per_month"),
                f.money("universal_credit.work_allowance.without_housing_costs", "pounds_per_month"),
                f.money("universal_credit.surplus_earnings", "pounds"),
                f.money("esa.permitted_work.lower_limit", "pounds_per_week"),
                f.money("esa.permitted_work.higher_limit", "pounds_per_week"),
                f.hours("esa.permitted_work.higher_limit_hours", "hours_per_week"),
                f.money("carers_allowance.earnings_limit", "pounds_per_week"),
                f.money("legacy.disregard.single", "pounds_per_week"),
                f.money("legacy.disregard.couple", "pounds_per_week"),
                f.money("legacy.disregard.higher", "pounds_per_week"),
                f.money("housing_benefit.disregard.lone_parent", "pounds_per_week"),
                f.pencePerPound("legacy.taper"),
                f.pencePerPound("housing_benefit.taper"),
                f.money("pension_credit.earnings", "pounds_per_week"),
                f.money("tax.trading_allowance", "pounds_per_year"),
                f.money("pay.real_living_wage", "pounds_per_hour"),
                f.money("pay.real_living_wage.london", "pounds_per_hour"));
    }

    private record Figures(JsonNode figures, TaxYear year, String fileName) {

        Figure<Money> money(String key, String unit) {
            JsonNode node = node(key, unit);
            return figure(key, node, value -> Money.parse(value));
        }

        Figure<WorkHours> hours(String key, String unit) {
            JsonNode node = node(key, unit);
            return figure(key, node, value -> WorkHours.ofMinutes(
                    new BigDecimal(value).multiply(BigDecimal.valueOf(60)).intValueExact()));
        }

        Figure<Long> pencePerPound(String key) {
            JsonNode node = node(key, "pence_per_pound");
            return figure(key, node, value -> {
                long pence = new BigDecimal(value).longValueExact();
                if (pence < 0 || pence > 100) {
                    throw new IllegalArgumentException("a taper is 0 to 100 pence per pound");
                }
                return pence;
            });
        }

        private JsonNode node(String key, String unit) {
            JsonNode node = figures.path(key);
            if (node.isMissingNode()) {
                throw new IllegalStateException(fileName + " has no figure " + key);
            }
            String actual = node.path("unit").asString("");
            if (!unit.equals(actual)) {
                throw new IllegalStateException(fileName + ": " + key + " must be in " + unit + ", not '" + actual + "'");
            }
            return node;
        }

        private <T> Figure<T> figure(String key, JsonNode node, java.util.function.Function<String, T> parse) {
            String source = node.path("source").asString("");
            if (source.isBlank()) {
                throw new IllegalStateException(fileName + ": " + key + " has no source");
            }
            FigureStatus status;
            try {
                status = FigureStatus.valueOf(node.path("status").asString("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(fileName + ": " + key + " has no status (confirmed, computed, unconfirmed or unknown)", e);
            }
            JsonNode value = node.path("value");
            if (value.isNull() || value.isMissingNode()) {
                if (status != FigureStatus.UNKNOWN) {
                    throw new IllegalStateException(fileName + ": " + key + " has no value but is " + status);
                }
                return new Figure<>(key, null, status, source, year);
            }
            if (status == FigureStatus.UNKNOWN) {
                throw new IllegalStateException(fileName + ": " + key + " is unknown but has a value");
            }
            try {
                return new Figure<>(key, parse.apply(value.asString()), status, source, year);
            } catch (RuntimeException e) {
                throw new IllegalStateException(fileName + ": " + key + " has a bad value '" + value.asString() + "'", e);
            }
        }
    }
}

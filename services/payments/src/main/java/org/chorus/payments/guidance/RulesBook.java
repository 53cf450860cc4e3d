package org.chorus.payments.guidance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chorus.platform.errors.ChorusException;

/**
 * The benefits rules of every tax year we have, found by file name: the rules for 2027/28 are
 * {@code 2027-28.json}. Adding a year is adding its file; no code changes. A year is read the first
 * time it is asked for and then kept.
 */
public final class RulesBook {

    /** Where the rules files are: the classpath folder {@code benefits-rules/} in the service. */
    public static final String CLASSPATH_FOLDER = "benefits-rules/";

    /** Opens a rules file by name, or says there is none. */
    @FunctionalInterface
    public interface Source {
        Optional<InputStream> open(String fileName);
    }

    private final Source source;
    private final Map<TaxYear, Optional<BenefitRules>> cache = new ConcurrentHashMap<>();

    public RulesBook(Source source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The rules shipped with the service. */
    public static RulesBook fromClasspath() {
        ClassLoader loader = RulesBook.class.getClassLoader();
        return new RulesBook(name -> Optional.ofNullable(loader.getResourceAsStream(CLASSPATH_FOLDER + name)));
    }

    /** Rules files in a folder, for example ones an operator mounts. */
    public static RulesBook fromDirectory(Path folder) {
        return new RulesBook(name -> {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.newInputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The rules for a tax year, if we have its file. */
    public Optional<BenefitRules> forYear(TaxYear year) {
        return cache.computeIfAbsent(year, y -> source.open(y.fileName())
                .map(in -> BenefitRulesLoader.read(in, y, y.fileName())));
    }

    /** The rules for the tax year a date falls in, if we have them. */
    public Optional<BenefitRules> forDate(LocalDate date) {
        TaxYear year;
        try {
            year = TaxYear.containing(date);
        } catch (IllegalArgumentException farAway) {
            return Optional.empty();
        }
        return forYear(year);
    }

    /**
     * The rules for a date, or INVALID_ARGUMENT naming {@code field} when we have none for its
     * tax year: we never guess with another year's figures.
     */
    public BenefitRules require(LocalDate date, String field) {
        return forDate(date).orElseThrow(() -> ChorusException.invalid("NO_BENEFIT_RULES_FOR_DATE", field,
                Words.noRulesForDate(date)));
    }
}

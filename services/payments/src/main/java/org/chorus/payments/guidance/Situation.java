package org.chorus.payments.guidance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a person chose to tell us about their benefits and other pay. All of it is optional. */
public record Situation(List<Benefit> benefits, OtherEarnings otherEarnings, boolean london) {

    public Situation {
        benefits = List.copyOf(benefits);
        Objects.requireNonNull(otherEarnings, "otherEarnings");
        if (benefits.stream().map(Benefit::kind).distinct().count() != benefits.size()) {
            throw new IllegalArgumentException("Each benefit is listed once");
        }
    }

    public Optional<Benefit> find(BenefitKind kind) {
        return benefits.stream().filter(b -> b.kind() == kind).findFirst();
    }
}

package org.chorus.reporting.readmodel;

/** What a report counts (the contract's {@code Measure}, by name). */
public enum Measure {
    SESSIONS_HELD(Kind.FACT),
    SESSIONS_STEP_FREE(Kind.FACT),
    SESSIONS_WITH_INTERPRETER(Kind.FACT),
    SESSIONS_ONLINE(Kind.FACT),
    PEOPLE_TAKING_PART(Kind.PEOPLE),
    PEOPLE_STAYING_SIX_MONTHS(Kind.PEOPLE),
    HOURS_GIVEN(Kind.MAGNITUDE),
    HOURS_PAID(Kind.MAGNITUDE),
    POUNDS_PAID(Kind.MAGNITUDE),
    EXPERIMENTS_STARTED(Kind.FACT),
    EXPERIMENTS_EMBEDDED(Kind.FACT),
    EXPERIMENTS_STOPPED(Kind.FACT),
    OUTCOMES_APPROVED(Kind.FACT),
    ORGANISATIONS_INVOLVED(Kind.FACT, false);

    /** How a measure's figures add up, and whether they are about people. */
    public enum Kind {
        /** Not about people (sessions, experiments, organisations): never hidden. */
        FACT,
        /** A count of distinct people: hidden when small; a quarter is not the sum of its months (the same person comes each month). */
        PEOPLE,
        /** An amount people are behind (hours, pounds): hidden when few people are; a quarter is the sum of its months. */
        MAGNITUDE
    }

    private final Kind kind;
    private final boolean addsUpOverTime;

    Measure(Kind kind) {
        // People are counted once in a longer period, however often they came.
        this(kind, kind != Kind.PEOPLE);
    }

    Measure(Kind kind, boolean addsUpOverTime) {
        this.kind = kind;
        this.addsUpOverTime = addsUpOverTime;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a longer period's figure is the sum of its shorter periods' figures. */
    public boolean addsUpOverTime() {
        return addsUpOverTime;
    }
}

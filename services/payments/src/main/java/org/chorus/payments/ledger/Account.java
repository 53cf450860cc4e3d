package org.chorus.payments.ledger;

import java.util.Locale;

/**
 * A ledger account of one commission. Money accounts are in pence; time credits, a ledger of their
 * own, in minutes, never mixed with money.
 *
 * @param member the member the account is for, or null for the commission's own accounts
 */
public record Account(String id, Unit unit, Kind kind, String member) {

    /** What an account amount is counted in. */
    public enum Unit {
        PENCE, MINUTES
    }

    /** What an account is for. */
    public enum Kind {
        /** The commission's budget for paying people: money comes from here. */
        BUDGET(Unit.PENCE),
        /** What the commission owes one member, approved and not yet paid. */
        OWED(Unit.PENCE),
        /** Money that left the commission: paid to people. */
        PAID_OUT(Unit.PENCE),
        /** Vouchers the commission bought, waiting to be issued. */
        VOUCHERS(Unit.PENCE),
        /** Money members chose to give back to the commission. */
        DONATIONS(Unit.PENCE),
        /** One member's time credits. */
        TIME_CREDITS(Unit.MINUTES),
        /** Where time credits come from. */
        TIME_CREDITS_GIVEN(Unit.MINUTES);

        private final Unit unit;

        Kind(Unit unit) {
            this.unit = unit;
        }

        public Unit unit() {
            return unit;
        }
    }

    /** The commission's own account of {@code kind}. */
    public static Account of(Kind kind) {
        if (kind == Kind.OWED || kind == Kind.TIME_CREDITS) {
            throw new IllegalArgumentException(kind + " is one member's account");
        }
        return new Account(kind.name().toLowerCase(Locale.ROOT), kind.unit(), kind, null);
    }

    /** One member's account of {@code kind} ({@code OWED} or {@code TIME_CREDITS}). */
    public static Account of(Kind kind, String member) {
        if (kind != Kind.OWED && kind != Kind.TIME_CREDITS) {
            throw new IllegalArgumentException(kind + " is the commission's own account");
        }
        return new Account(kind.name().toLowerCase(Locale.ROOT) + ":" + member, kind.unit(), kind, member);
    }
}

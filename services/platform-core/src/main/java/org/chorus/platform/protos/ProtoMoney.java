package org.chorus.platform.protos;

import com.google.type.Money;
import org.chorus.platform.errors.Violations;

/**
 * Money between the contract ({@code google.type.Money}, pounds sterling) and whole pence, the only
 * way Chorus holds an amount: never a floating-point number.
 */
public final class ProtoMoney {

    private static final long MAX_POUNDS = 1_000_000_000L;

    private ProtoMoney() {
    }

    /**
     * The amount in pence, or null with a violation on {@code field} when it is not pounds (GBP, or no
     * currency) and whole pence, or is far too large.
     */
    public static Long pence(Money money, String field, Violations violations) {
        boolean gbp = money.getCurrencyCode().isEmpty() || money.getCurrencyCode().equals("GBP");
        if (!violations.check(gbp, field, "Please give the amount in pounds (GBP).")) {
            return null;
        }
        boolean sameSign = (money.getUnits() >= 0 && money.getNanos() >= 0) || (money.getUnits() <= 0 && money.getNanos() <= 0);
        boolean wholePence = money.getNanos() % 10_000_000 == 0 && Math.abs(money.getNanos()) < 1_000_000_000;
        if (!violations.check(sameSign && wholePence, field, "Please give the amount in pounds and whole pence, for example £40.35.")) {
            return null;
        }
        if (!violations.check(Math.abs(money.getUnits()) <= MAX_POUNDS, field, "This amount is far too large. Please check it.")) {
            return null;
        }
        return money.getUnits() * 100 + money.getNanos() / 10_000_000;
    }

    /** An amount in pence as {@code google.type.Money} in GBP. */
    public static Money gbp(long pence) {
        return Money.newBuilder().setCurrencyCode("GBP").setUnits(pence / 100).setNanos((int) (pence % 100) * 10_000_000).build();
    }
}

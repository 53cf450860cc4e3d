package org.chorus.payments.payout;

import java.util.regex.Pattern;
import org.chorus.platform.errors.Violations;

/**
 * Where a member's money goes: the name on the account, the sort code and the account number, as
 * UK banks' bulk payments take them. Kept only sealed; shown only masked.
 */
public record BankDetails(String accountName, String sortCode, String accountNumber) {

    private static final Pattern SORT_CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{8}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}0-9 .,'&/-]{1,70}");

    /**
     * The details as sent, with spaces and dashes taken out of the numbers.
     *
     * @throws org.chorus.platform.errors.ChorusException INVALID_ARGUMENT ({@code INVALID_BANK_DETAILS}) saying which field is wrong
     */
    public static BankDetails of(String accountName, String sortCode, String accountNumber) {
        String name = accountName.strip();
        String sort = sortCode.replaceAll("[\\s-]", "");
        String number = accountNumber.replaceAll("\\s", "");
        Violations violations = new Violations();
        violations.check(NAME.matcher(name).matches(), "bank_details.account_name",
                "Give the name on the account: 1 to 70 letters, numbers, spaces and . , ' & / -");
        violations.check(SORT_CODE.matcher(sort).matches(), "bank_details.sort_code",
                "A sort code is six numbers, like 12-34-56. It is on a bank card or statement.");
        violations.check(ACCOUNT_NUMBER.matcher(number).matches(), "bank_details.account_number",
                "An account number is eight numbers. It is on a bank card or statement.");
        violations.throwIfAny("INVALID_BANK_DETAILS", "The bank details need changing: see each field.");
        return new BankDetails(name, sort, number);
    }

    /** The last two digits of the account number: all that is kept in the clear. */
    public String accountEnding() {
        return accountNumber.substring(accountNumber.length() - 2);
    }

    /** How the account is shown to anyone: "account ending 78". */
    public static String masked(String accountEnding) {
        return "account ending " + accountEnding;
    }

    /** The three fields as one text, to seal. */
    String sealable() {
        return sortCode + "\n" + accountNumber + "\n" + accountName;
    }

    /** What {@link #sealable()} made, read back. */
    static BankDetails unsealed(String text) {
        String[] parts = text.split("\n", 3);
        return new BankDetails(parts[2], parts[0], parts[1]);
    }
}

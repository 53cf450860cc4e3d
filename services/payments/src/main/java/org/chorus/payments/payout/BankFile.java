package org.chorus.payments.payout;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * The file of a bank-transfer payout for the commission's bank: CSV in the columns UK banks' bulk-payment
 * uploads take ({@code Name,Sort code,Account number,Amount,Reference}), one row per payment waiting for
 * the bank. Names and references keep to what Bacs carries (A–Z, 0–9, space and {@code . & / -}, at
 * most 18 characters), which also means no cell can start a spreadsheet formula.
 */
public record BankFile(String fileName, String contentType, byte[] content) {

    static final int BACS_FIELD = 18;

    static BankFile of(Payout payout, Map<String, BankDetails> accounts, LocalDate day) {
        StringBuilder csv = new StringBuilder("Name,Sort code,Account number,Amount,Reference\r\n");
        for (Payout.Item item : payout.items()) {
            BankDetails account = accounts.get(item.member());
            if (item.state() == Payout.ItemState.FAILED || account == null) {
                continue;
            }
            csv.append(bacs(account.accountName())).append(',')
                    .append(account.sortCode()).append(',')
                    .append(account.accountNumber()).append(',')
                    .append(item.amountPence() / 100).append('.').append(String.format(Locale.ROOT, "%02d", item.amountPence() % 100))
                    .append(',')
                    .append(bacs("CHORUS " + item.claim().toString().substring(0, 8)))
                    .append("\r\n");
        }
        return new BankFile("chorus-payout-" + payout.commission() + "-" + day + ".csv", "text/csv",
                csv.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Text as Bacs carries it: accents taken off, upper case, only its characters, at most 18 of them, starting with a letter or digit. */
    static String bacs(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9 .&/-]", "").replaceFirst("^[^A-Z0-9]+", "").strip();
        return plain.length() <= BACS_FIELD ? plain : plain.substring(0, BACS_FIELD).strip();
    }
}

package org.chorus.console.pages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Voucher codes as typed or pasted into the load form: one a line, spaces around them and empty lines ignored.
 * The rules are the contract's (LoadVouchersRequest.codes: 1 to 500, each 4 to 64 letters, digits or dashes, all
 * different), checked here so the form can say which code is wrong; the platform checks them again.
 */
final class VoucherCodes {

    static final int MOST_CODES = 500;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{4,64}");
    /** Where the platform's refusal of a code loaded before points: {@code codes[3]}. */
    private static final Pattern CODE_INDEX = Pattern.compile("codes\\[(\\d{1,3})]");

    /** What is wrong with the codes: a message key and the code it is about (null when about them all). */
    record Problem(String key, String code) {
    }

    private VoucherCodes() {
    }

    static List<String> lines(String typed) {
        List<String> codes = new ArrayList<>();
        if (typed == null) {
            return codes;
        }
        for (String line : typed.split("\\R")) {
            if (!line.isBlank()) {
                codes.add(line.strip());
            }
        }
        return codes;
    }

    /** The first problem with the codes, if any. */
    static Optional<Problem> problem(List<String> codes) {
        if (codes.isEmpty()) {
            return Optional.of(new Problem("vouchers.codes.missing", null));
        }
        if (codes.size() > MOST_CODES) {
            return Optional.of(new Problem("vouchers.codes.tooMany", null));
        }
        Set<String> seen = new HashSet<>();
        for (String code : codes) {
            if (!CODE.matcher(code).matches()) {
                return Optional.of(new Problem("vouchers.codes.invalid", code));
            }
            if (!seen.add(code)) {
                return Optional.of(new Problem("vouchers.codes.twice", code));
            }
        }
        return Optional.empty();
    }

    /**
     * The code the platform says was loaded before: its refusal (VOUCHER_LOADED_ALREADY) names its place in the
     * list sent, {@code codes[i]}. Empty when the words do not say which.
     */
    static Optional<String> loadedBefore(String platformMessage, List<String> sent) {
        Matcher at = CODE_INDEX.matcher(platformMessage == null ? "" : platformMessage);
        if (!at.find()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(at.group(1));
        return index < sent.size() ? Optional.of(sent.get(index)) : Optional.empty();
    }
}

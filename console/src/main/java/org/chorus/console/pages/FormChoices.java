package org.chorus.console.pages;

import java.util.Optional;

/** A choice a form sent back (a radio's value), taken only when it is one of the contract's real values. */
final class FormChoices {

    private FormChoices() {
    }

    /**
     * The value of {@code type} named {@code sent}; empty for anything else, and for the values that mean "not set"
     * ({@code *_UNSPECIFIED}) or that protobuf adds for values it does not know ({@code UNRECOGNIZED}).
     */
    static <E extends Enum<E>> Optional<E> of(Class<E> type, String sent) {
        if (sent == null || sent.endsWith("_UNSPECIFIED") || sent.equals("UNRECOGNIZED")) {
            return Optional.empty();
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(sent)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}

package org.chorus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The firewall's loops accept and refuse exactly what Spring Security's own regular expressions do. */
class FirewallConfigurationTest {

    @Test
    void everyCharacterIsJudgedAsSpringSecurityJudgesIt() {
        List<String> different = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String one = Character.toString(codePoint);
            String inText = "Bearer ey" + one + "J9";
            for (String value : List.of(one, inText)) {
                if (FirewallConfiguration.HEADER_VALUES.test(value) != StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value)) {
                    different.add("header value U+" + Integer.toHexString(codePoint));
                }
                if (FirewallConfiguration.NAMES.test(value) != StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(value)) {
                    different.add("name U+" + Integer.toHexString(codePoint));
                }
                if (FirewallConfiguration.NAMES.test(value) != StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES.test(value)) {
                    different.add("parameter name U+" + Integer.toHexString(codePoint));
                }
            }
        }
        assertThat(different).isEmpty();
    }

    @Test
    void unpairedSurrogatesNullsAndTabsAreJudgedAlikeToo() {
        List<String> values = new ArrayList<>();
        values.add("\uD800");
        values.add("a\uDC00b");
        values.add("\uDBFF\uDFFF");
        values.add("\t");
        values.add("Bearer\tabc");
        values.add("line\r\nbreak");
        values.add("");
        values.add("caf\u00e9 \u2603 \uD83D\uDE00");
        values.add(null);
        for (String value : values) {
            assertThat(FirewallConfiguration.HEADER_VALUES.test(value)).as("header value %s", value)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value));
            assertThat(FirewallConfiguration.NAMES.test(value)).as("name %s", value)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(value));
        }
    }

    @Test
    void aTabIsAllowedInAHeaderValueButNotInANameAndAControlCharacterNowhere() {
        assertThat(FirewallConfiguration.HEADER_VALUES.test("a\tb")).isTrue();
        assertThat(FirewallConfiguration.NAMES.test("a\tb")).isFalse();
        assertThat(FirewallConfiguration.HEADER_VALUES.test("a\u0000b")).isFalse();
        assertThat(FirewallConfiguration.HEADER_VALUES.test("a\u007fb")).isFalse();
        assertThat(FirewallConfiguration.HEADER_VALUES.test("a\u0085b")).isFalse();
    }
}

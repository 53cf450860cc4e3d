package org.chorus.gateway.security;

import java.util.function.Predicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's strict firewall, exactly as strict, with its header and parameter checks written as
 * loops instead of regular expressions. Its own check of a header value,
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, walks every character of the {@code Authorization}
 * header (a token of about 1,400 characters) through a regex union: in the gateway benchmark's profile
 * (infra/bench) that was about 3% of the gateway's CPU per request, close to the RSA signature check itself.
 * <p>
 * The rules are the same: a header or parameter name is made of assigned Unicode characters that are not
 * control characters; a header value may also hold tabs. Everything else the strict firewall checks
 * (parameter values, methods, paths, encoded characters, host names) is left as it is.
 */
@Configuration(proxyBeanMethods = false)
public class FirewallConfiguration {

    /** A header or parameter name: assigned characters, no control characters (no name at all passes, as in Spring's). */
    static final Predicate<String> NAMES = value -> value == null || allowed(value, false);
    /** A header value: assigned characters, no control characters but tabs. */
    static final Predicate<String> HEADER_VALUES = value -> value == null || allowed(value, true);

    @Bean
    ServerWebExchangeFirewall chorusFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(HEADER_VALUES);
        firewall.setAllowedParameterNames(NAMES);
        return firewall;
    }

    private static boolean allowed(String value, boolean tabs) {
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            if (c < 0x80) {
                // ASCII: every character is assigned; the controls are 0-31 and 127.
                if ((c < 0x20 || c == 0x7f) && !(tabs && c == '\t')) {
                    return false;
                }
                i++;
                continue;
            }
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}

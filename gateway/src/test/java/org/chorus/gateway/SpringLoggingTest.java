package org.chorus.gateway;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.chorus.logging.LevelCheckingLogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.core.log.LogMessage;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the gateway's own classpath (Logback behind SLF4J), Spring's loggers come from {@link LevelCheckingLogFactory}: a
 * lazy message at a level that is off is never formatted, and the levels that are on still log.
 */
class SpringLoggingTest {

    @Test
    void springsLazyDebugMessagesStayLazy() {
        Log log = LogFactory.getLog(OrServerWebExchangeMatcher.class);
        int[] formatted = {0};

        log.debug(LogMessage.of(() -> {
            formatted[0]++;
            return "Trying to match";
        }));

        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isInfoEnabled()).isTrue();
        assertThat(formatted[0]).isZero();
    }
}

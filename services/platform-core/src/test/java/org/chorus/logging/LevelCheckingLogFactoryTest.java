package org.chorus.logging;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LevelCheckingLogFactoryTest {

    @Test
    void commonsLoggingFindsItAndAMessageAtALevelThatIsOffIsNeverTurnedIntoText() {
        Log log = LogFactory.getLog("org.chorus.logging.test");
        AtomicInteger formatted = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "a message";
            }
        };

        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
        assertThat(log).isInstanceOf(LevelCheckingLogFactory.LevelCheckingLog.class);
        assertThat(log.isDebugEnabled()).as("no SLF4J provider in this module's tests: every level is off").isFalse();
        log.debug(message);
        log.trace(message, new IllegalStateException());
        log.info(message);
        assertThat(formatted).hasValue(0);
        assertThat(LogFactory.getLog("org.chorus.logging.test")).isSameAs(log);
    }
}

package org.chorus.console.assets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AssetsConfiguration {

    /** Named so templates can link to the current version: {@code ${@chorusStylesheet.version()}}. */
    @Bean
    ChorusStylesheet chorusStylesheet() {
        return ChorusStylesheet.fromClassPath();
    }

    /** Named so the layout can link to the current version: {@code ${@consoleScript.version()}}. */
    @Bean
    ConsoleScript consoleScript() {
        return ConsoleScript.fromClassPath();
    }
}

package org.chorus.console.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The console's one script, {@code console-assets/idle.js}: the warning before the gateway signs someone out for
 * doing nothing. Progressive enhancement only; read once at start-up and served from the console's own origin, as
 * the pages' policy allows ({@code script-src 'self'}).
 */
public final class ConsoleScript {

    static final String IDLE_JS = "console-assets/idle.js";

    private final String js;
    private final String version;

    private ConsoleScript(String js) {
        this.js = js;
        this.version = AssetVersion.of(js);
    }

    public static ConsoleScript fromClassPath() {
        try (InputStream in = ConsoleScript.class.getClassLoader().getResourceAsStream(IDLE_JS)) {
            if (in == null) {
                throw new IllegalStateException("The console's script is not on the class path: " + IDLE_JS);
            }
            return new ConsoleScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new IllegalStateException("The console's script could not be read", unreadable);
        }
    }

    public String js() {
        return js;
    }

    public String version() {
        return version;
    }
}

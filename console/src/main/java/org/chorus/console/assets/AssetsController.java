package org.chorus.console.assets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one stylesheet and the one script, open to everyone (the sign-in page needs the stylesheet), cached for a
 * year: pages link to them with their version ({@code ?v=}), so a new release is fetched at once.
 */
@RestController
public class AssetsController {

    private static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);
    private static final MediaType JS = new MediaType("text", "javascript", StandardCharsets.UTF_8);

    private final ChorusStylesheet stylesheet;
    private final ConsoleScript script;

    public AssetsController(ChorusStylesheet stylesheet, ConsoleScript script) {
        this.stylesheet = stylesheet;
        this.script = script;
    }

    @GetMapping("/assets/chorus.css")
    public ResponseEntity<String> stylesheet() {
        return asset(CSS, stylesheet.version(), stylesheet.css());
    }

    @GetMapping("/assets/idle.js")
    public ResponseEntity<String> script() {
        return asset(JS, script.version(), script.js());
    }

    private static ResponseEntity<String> asset(MediaType type, String version, String text) {
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic())
                // Weak: Tomcat compresses no response with a strong ETag, and this one is sent compressed.
                .eTag("W/\"" + version + "\"")
                .body(text);
    }
}

package org.chorus.console.assets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one stylesheet, open to everyone (the sign-in page needs it), cached for a year: pages link to it with
 * its version ({@code ?v=}), so a new release is fetched at once.
 */
@RestController
public class AssetsController {

    private static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);

    private final ChorusStylesheet stylesheet;

    public AssetsController(ChorusStylesheet stylesheet) {
        this.stylesheet = stylesheet;
    }

    @GetMapping("/assets/chorus.css")
    public ResponseEntity<String> stylesheet() {
        return ResponseEntity.ok()
                .contentType(CSS)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic())
                // Weak: Tomcat compresses no response with a strong ETag, and this one is sent compressed.
                .eTag("W/\"" + stylesheet.version() + "\"")
                .body(stylesheet.css());
    }
}

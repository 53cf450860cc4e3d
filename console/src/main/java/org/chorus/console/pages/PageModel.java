package org.chorus.console.pages;

import org.chorus.console.config.ConsoleProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame needs to know: whether to offer "Sign out", and when we sign people out for doing nothing. */
@ControllerAdvice
public class PageModel {

    private final ConsoleProperties properties;

    public PageModel(ConsoleProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("signedIn")
    public boolean signedIn(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken;
    }

    @ModelAttribute("idle")
    public ConsoleProperties.Idle idle() {
        return properties.idle();
    }
}

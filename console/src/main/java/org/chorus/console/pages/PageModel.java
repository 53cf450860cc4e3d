package org.chorus.console.pages;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame needs to know: whether to offer "Sign out". */
@ControllerAdvice
public class PageModel {

    @ModelAttribute("signedIn")
    public boolean signedIn(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken;
    }
}

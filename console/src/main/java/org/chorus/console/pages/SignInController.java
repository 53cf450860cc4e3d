package org.chorus.console.pages;

import org.chorus.console.config.ConsoleProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The open page people land on when not signed in. Signing in itself happens in the gateway (backend for
 * frontend): these buttons only link to it, one for Chorus accounts and one for each member organisation.
 */
@Controller
public class SignInController {

    private final ConsoleProperties properties;

    public SignInController(ConsoleProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/sign-in")
    public String signIn(Model model) {
        model.addAttribute("organisations", properties.organisations());
        return "sign-in";
    }
}

package org.chorus.console.pages;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Stay signed in" from the warning before signing out (assets/idle.js): a light GET. It renews the session because
 * it reaches the console through the gateway's sign-in chain (every {@code /console/**} request loads the gateway's
 * session, and loading it counts as activity); the console itself keeps no session. Nothing in the answer:
 * 204 while signed in; someone whose session ended is sent to sign in, as for any page.
 */
@RestController
public class StaySignedInController {

    @GetMapping("/session/keep-alive")
    public ResponseEntity<Void> keepAlive() {
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }
}

package org.chorus.testrig;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring test class: point {@code chorus.identity.issuer-uri} and
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} at the Chorus realm of the
 * JVM-wide {@link RealKeycloak}. Get tokens in the test with {@code RealKeycloak.get().passwordToken(…)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UseRealKeycloak {
}

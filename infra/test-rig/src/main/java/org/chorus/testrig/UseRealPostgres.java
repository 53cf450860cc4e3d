package org.chorus.testrig;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring test class: point {@code spring.datasource.url} at a database of the JVM-wide
 * {@link RealPostgres}, created if missing, with the server's owner as the Flyway user
 * ({@code spring.flyway.user}/{@code password}); the application connects as the service's own
 * login role, which its migrations create.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UseRealPostgres {

    /** The database, e.g. {@code "commissions"}: lower-case letters, digits and underscores. */
    String database();
}

package org.chorus.testrig;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring test class: point {@code spring.datasource.url}, {@code username} and
 * {@code password} at a database of the JVM-wide {@link RealPostgres}, created if missing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UseRealPostgres {

    /** The database, e.g. {@code "commissions"}: lower-case letters, digits and underscores. */
    String database();
}

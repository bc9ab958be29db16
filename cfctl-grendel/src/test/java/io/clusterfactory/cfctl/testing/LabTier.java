package io.clusterfactory.cfctl.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Needs root: the test starts a lab of real OpenSSH hosts in network namespaces (docs/lab.md).
 * Tagged {@code lab}, run by failsafe in {@code mvn verify}, left out of {@code mvn test}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
public @interface LabTier {}

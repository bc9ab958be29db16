package io.clusterfactory.cfctl.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Needs root on this machine, or passwordless sudo: the test runs commands as root through cfctl's
 * {@code LocalHost}. Tagged {@code root}, run by failsafe in {@code mvn verify}, left out of {@code
 * mvn test}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("root")
public @interface RootTier {}

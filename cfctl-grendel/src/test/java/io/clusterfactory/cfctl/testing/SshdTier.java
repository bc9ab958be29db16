package io.clusterfactory.cfctl.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Needs root and {@code /usr/sbin/sshd}: the test starts a real OpenSSH server on loopback and logs
 * in as root. Tagged {@code sshd}, run by failsafe in {@code mvn verify}, left out of {@code mvn
 * test}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("sshd")
public @interface SshdTier {}

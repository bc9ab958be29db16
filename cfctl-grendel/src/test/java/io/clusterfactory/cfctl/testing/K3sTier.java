package io.clusterfactory.cfctl.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Runs a real Kubernetes API server (k3s) in Docker through Testcontainers; skipped where Docker is
 * absent. Tagged {@code k3s}, run by failsafe in {@code mvn verify}, left out of {@code mvn test}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("k3s")
public @interface K3sTier {}

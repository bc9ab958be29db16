package io.clusterfactory.cfctl.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Starts an API server stand-in on a loopback port: the fabric8 Kubernetes mock server, {@code
 * FakeGrendel}, another in-JVM HTTP server or a {@link MisbehavingServer} peer. Needs no root, but
 * opens sockets and takes seconds, so it is tagged {@code mockapi} and runs in {@code mvn verify}
 * (failsafe), not in {@code mvn test}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("mockapi")
public @interface MockApiTier {}

package io.clusterfactory.cfctl.k0s.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class ConfigurerRegistryTest {

  @Test
  void configurersMatchByIdThenIdLikeAndHonourTheOverride() {
    ConfigurerRegistry registry = ConfigurerRegistry.standard();
    OsRelease rocky = OsRelease.parse("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n");
    assertEquals("enterprise-linux", registry.pick("h", rocky, null).family());
    OsRelease pop = OsRelease.parse("ID=pop\nID_LIKE=\"ubuntu debian\"\nPRETTY_NAME=\"Pop!_OS\"");
    assertEquals("debian", registry.pick("h", pop, null).family());
    assertEquals("alpine", registry.pick("h", pop, "alpine").family());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> registry.pick("root@h:22", OsRelease.parse("ID=plan9"), null));
    assertTrue(e.getMessage().contains("root@h:22"));
  }
}

package io.clusterfactory.cfctl.core.apply.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ReadStacksStatusTest {
  @Test
  void theCauseIsShownNotFabric8sPlaceholder() {
    String why =
        ReadStacksStatus.describe(
            new KubernetesClientException(
                "An error has occurred.", new ConnectException("Connection refused")));
    assertFalse(why.contains("An error has occurred"), why);
    assertEquals("ConnectException: Connection refused", why);
  }

  @Test
  void aMessageWithItsOwnWordsKeepsThemAndNamesTheRootCause() {
    String why =
        ReadStacksStatus.describe(
            new IllegalStateException("listing Applications", new ConnectException("refused")));
    assertTrue(why.startsWith("listing Applications"), why);
    assertTrue(why.contains("refused"), why);
  }
}

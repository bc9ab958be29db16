package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.kube.StackProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitProgressBarsTest {
  @Test
  void drawsOneBarPerStackSummingItsComponents() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WaitProgressBars bars = new WaitProgressBars(new PrintStream(bytes, true, "UTF-8"));
    bars.onProgress(new StackProgress("network", "metallb", 1, 2, List.of()));
    bars.onProgress(new StackProgress("network", "traefik", 0, 3, List.of()));
    bars.onProgress(new StackProgress("network", "traefik", 3, 3, List.of()));
    bars.onStackReady("network");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("stack network"), out);
    // The library redraws on a timer: only the final state is sure to be drawn in a fast test.
    assertTrue(out.contains("5/5"), out);
    assertTrue(out.contains("ready"), out);
  }
}

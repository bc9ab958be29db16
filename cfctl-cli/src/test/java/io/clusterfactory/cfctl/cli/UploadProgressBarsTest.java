package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadProgressBarsTest {
  @Test
  void drawsABarPerHostUpToTheSize() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    UploadProgressBars bars = new UploadProgressBars(new PrintStream(bytes, true, "UTF-8"));
    bars.started("root@10.199.0.11:22", "k0s binary", 4_000_000);
    bars.progressed("root@10.199.0.11:22", 2_000_000);
    bars.progressed("root@10.199.0.11:22", 4_000_000);
    bars.finished("root@10.199.0.11:22");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("root@10.199.0.11:22"), out);
    assertTrue(out.contains("4/4 MB"), out);
  }
}

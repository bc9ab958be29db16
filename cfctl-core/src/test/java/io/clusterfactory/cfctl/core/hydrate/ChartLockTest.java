package io.clusterfactory.cfctl.core.hydrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.InvalidConfigException;
import io.clusterfactory.cfctl.core.error.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart lock file: its format, what reads back, merging, updating and malformed input. */
class ChartLockTest {
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);
  static final String C = "sha256:" + "c".repeat(64);

  static ChartLock.Entry entry(String repo, String chart, String version, String digest) {
    return new ChartLock.Entry(repo, chart, version, digest);
  }

  @Test
  void writtenSortedThroughTheCanonicalWriterAndReadBackAsTheSameLock(@TempDir Path dir) {
    // versions YAML 1.1 reads as numbers (1.0.0 is a float to its regex) come back as written
    ChartLock lock =
        new ChartLock(
            List.of(
                entry("https://z.example/charts", "zeta", "1.10", A),
                entry("https://a.example/charts", "alpha", "2.0.0", B),
                entry("https://a.example/charts", "alpha", "1.0.0", C)));
    Path file = lock.writeSite(dir);
    assertEquals(dir.resolve("charts.lock.yaml"), file);
    String text = read(file);
    assertTrue(text.startsWith("# "), text);
    assertTrue(
        text.endsWith(
            "apiVersion: cfctl.clusterfactory.io/v1beta1\n"
                + "kind: ChartLock\n"
                + "charts:\n"
                + "  - repository: https://a.example/charts\n"
                + "    chart: alpha\n"
                + "    version: \"1.0.0\"\n"
                + "    digest: "
                + C
                + "\n"
                + "  - repository: https://a.example/charts\n"
                + "    chart: alpha\n"
                + "    version: \"2.0.0\"\n"
                + "    digest: "
                + B
                + "\n"
                + "  - repository: https://z.example/charts\n"
                + "    chart: zeta\n"
                + "    version: \"1.10\"\n"
                + "    digest: "
                + A
                + "\n"),
        text);
    assertEquals(lock, ChartLock.site(dir));
    assertEquals("1.10", ChartLock.site(dir).charts().get(2).version());
    List<ChartLock.Entry> reversed = new java.util.ArrayList<>(lock.charts());
    java.util.Collections.reverse(reversed);
    assertEquals(
        text, read(new ChartLock(reversed).writeSite(dir)), "the same bytes whatever order");
  }

  @Test
  void anUnquotedNumericVersionWrittenByHandReadsAsItsText() {
    ChartLock lock =
        ChartLockReader.read(
            "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: ChartLock\ncharts:\n"
                + "  - {repository: https://x.example, chart: x, version: 1.10, digest: "
                + A
                + "}\n",
            "charts.lock.yaml");
    assertEquals("1.10", lock.charts().get(0).version());
    assertEquals(Map.of("https://x.example x 1.10", A), lock.digests());
  }

  @Test
  void theSiteLockWinsOverCfctlsAndAddsItsOwnCharts() {
    ChartLock shipped =
        new ChartLock(List.of(entry("https://r", "a", "1", A), entry("https://r", "b", "1", A)));
    ChartLock site =
        new ChartLock(List.of(entry("https://r", "b", "1", B), entry("https://r", "c", "1", C)));
    assertEquals(
        Map.of("https://r a 1", A, "https://r b 1", B, "https://r c 1", C),
        shipped.overriddenBy(site).digests());
  }

  @Test
  void anUpdateKeepsThePinOfAChartNotPulledAndDropsChartsTheTreeNoLongerUses() {
    ChartLock site =
        new ChartLock(
            List.of(
                entry("https://r", "down", "1", A),
                entry("https://r", "moved", "1", A),
                entry("https://r", "gone", "1", A)));
    ChartLock next =
        site.updated(
            List.of(entry("https://r", "moved", "1", B), entry("https://r", "new", "1", C)),
            Set.of("https://r down 1"));
    assertEquals(
        Map.of("https://r down 1", A, "https://r moved 1", B, "https://r new 1", C),
        next.digests());
  }

  @Test
  void cfctlShipsAValidLockWithoutAnInventedDigest() {
    assertEquals(List.of(), ChartLock.shipped().charts());
  }

  @Test
  void noSiteLockIsAnEmptyOne(@TempDir Path dir) {
    assertEquals(ChartLock.EMPTY, ChartLock.site(dir));
  }

  @Test
  void everyProblemOfAMalformedLockIsReportedWithItsPosition() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () ->
                ChartLockReader.read(
                    "apiVersion: cfctl.clusterfactory.io/v1beta1\n"
                        + "kind: ChartLock\n"
                        + "charts:\n"
                        + "  - repository: https://r\n"
                        + "    chart: a\n"
                        + "    version: \"1.0.0\"\n"
                        + "    digest: sha256:nothex\n"
                        + "  - repository: https://r\n"
                        + "    chart: b\n"
                        + "    digets: "
                        + A
                        + "\n"
                        + "  - {repository: https://r, chart: c, version: '1', digest: "
                        + A
                        + "}\n"
                        + "  - {repository: https://r, chart: c, version: '1', digest: "
                        + B
                        + "}\n",
                    "site/charts.lock.yaml"));
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    String m = e.getMessage();
    assertTrue(m.contains("site/charts.lock.yaml:7:13: error: charts[0].digest:"), m);
    assertTrue(m.contains("site/charts.lock.yaml:10:5: error: charts[1].digets: unknown field"), m);
    assertTrue(m.contains("did you mean digest?"), m);
    assertTrue(m.contains("charts[1].version: version is missing"), m);
    assertTrue(m.contains(":12:5: error: charts[3]: chart https://r c 1 is locked twice"), m);
  }

  @Test
  void aSyntaxErrorOrAWrongKindIsPositionedToo() {
    InvalidConfigException syntax =
        assertThrows(
            InvalidConfigException.class,
            () -> ChartLockReader.read("charts:\n  - [unclosed\n", "charts.lock.yaml"));
    assertTrue(
        syntax.getMessage().contains("charts.lock.yaml:3:1: error: YAML syntax error"),
        syntax.getMessage());
    InvalidConfigException kind =
        assertThrows(
            InvalidConfigException.class,
            () ->
                ChartLockReader.read(
                    "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\ncharts: []\n",
                    "charts.lock.yaml"));
    assertTrue(
        kind.getMessage().contains("charts.lock.yaml:2:7: error: kind: kind must be ChartLock"),
        kind.getMessage());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package io.clusterfactory.cfctl.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiffWritersTest {
  private final DiffReport lab = SampleReports.lab();

  @Test
  @DisplayName("text output matches the golden file")
  void textGolden() throws Exception {
    Golden.assertMatches("lab.txt", new DiffTextWriter(false).render(lab));
  }

  @Test
  @DisplayName("json output matches the golden file")
  void jsonGolden() throws Exception {
    Golden.assertMatches("lab.json", new DiffJsonWriter().render(lab));
  }

  @Test
  @DisplayName("markdown output matches the golden file")
  void markdownGolden() throws Exception {
    Golden.assertMatches("lab.md", new DiffMarkdownWriter(65_000).render(lab));
  }

  @Test
  @DisplayName("no secret value, clear or base64 or ciphertext, appears in any format")
  void secretsMaskedInEveryFormat() {
    List<String> outputs = new ArrayList<>();
    for (DiffFormat format : DiffFormat.values()) {
      outputs.add(format.renderer(false).render(lab));
    }
    outputs.add(DiffFormat.TEXT.renderer(true).render(lab));
    outputs.add(new DiffMarkdownWriter(4_000).render(lab));
    for (String output : outputs) {
      for (String value : SampleReports.SECRET_VALUES) {
        assertFalse(output.contains(value), "leaked " + value + " in:\n" + output);
      }
    }
  }

  @Test
  @DisplayName("per-key changes of Secrets and SealedSecrets are reported")
  void perKeyChanges() {
    ObjectDiff secret =
        lab.live().objects().stream()
            .filter(o -> o.ref().kind().equals("Secret"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(
            new SecretKeyDiff("password", KeyChange.CHANGED),
            new SecretKeyDiff("user", KeyChange.UNCHANGED)),
        secret.secretKeys());
    FileDiff sealed =
        lab.git().files().stream()
            .filter(f -> f.path().equals("software/ldap-sealed.yaml"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(
            new SecretKeyDiff("bindPassword", KeyChange.CHANGED),
            new SecretKeyDiff("url", KeyChange.UNCHANGED)),
        sealed.secretKeys());
  }

  @Test
  @DisplayName("json has the documented schema: version, summary counts, per-item actions, sorted")
  void jsonSchema() throws Exception {
    JsonNode root = new ObjectMapper().readTree(new DiffJsonWriter().render(lab));
    assertEquals(1, root.get("version").asInt());
    assertTrue(root.get("changed").asBoolean());
    Summary s = lab.summary();
    assertEquals(s.create(), root.at("/summary/create").asInt());
    assertEquals(s.update(), root.at("/summary/update").asInt());
    assertEquals(s.delete(), root.at("/summary/delete").asInt());
    assertEquals(s.unchanged(), root.at("/summary/unchanged").asInt());
    assertEquals("create", root.at("/hosts/hosts/2/action").asText());
    assertEquals("delete", root.at("/git/files/1/action").asText());
    assertEquals("network/old.yaml", root.at("/git/files/1/path").asText());
    JsonNode objects = root.at("/live/objects");
    List<String> order = new ArrayList<>();
    objects.forEach(o -> order.add(o.get("kind").asText() + "/" + o.get("name").asText()));
    List<ObjectDiff> sorted = new ArrayList<>(lab.live().objects());
    sorted.sort(null);
    assertEquals(sorted.stream().map(o -> o.ref().kind() + "/" + o.ref().name()).toList(), order);
    assertEquals(
        "unchanged",
        objects.findParents("kind").stream()
            .filter(o -> o.get("kind").asText().equals("Service"))
            .findFirst()
            .orElseThrow()
            .get("action")
            .asText());
  }

  @Test
  @DisplayName("a section not compared is null in json and 'not compared' in markdown")
  void sectionNotCompared() throws Exception {
    DiffReport gitOnly =
        DiffReport.ofGit(lab.git(), List.of("live objects: not compared (offline)"));
    JsonNode root = new ObjectMapper().readTree(new DiffJsonWriter().render(gitOnly));
    assertTrue(root.get("hosts").isNull());
    assertTrue(root.get("live").isNull());
    assertEquals("live objects: not compared (offline)", root.at("/notes/0").asText());
    String md = new DiffMarkdownWriter(65_000).render(gitOnly);
    assertTrue(md.contains("| Hosts | not compared |"), md);
  }

  @Test
  @DisplayName("colour only when asked")
  void colourOnlyWhenAsked() {
    assertFalse(new DiffTextWriter(false).render(lab).contains("\u001b["));
    String coloured = new DiffTextWriter(true).render(lab);
    assertTrue(coloured.contains("\u001b[32m+"), coloured);
    assertTrue(coloured.contains("\u001b[31m-"), coloured);
  }

  @Test
  @DisplayName("no change: plan line says so, exit 0 in both conventions")
  void noChange() {
    DiffReport none =
        new DiffReport(
            new HostsSection("v1", "v1", List.of()),
            new GitSection("u", "main", "clusters/lab", "abc", List.of()),
            new LiveSection("", List.of()),
            List.of());
    assertTrue(new DiffTextWriter(false).render(none).contains("No changes."));
    assertEquals(0, DiffExitCodes.forReport(none, DiffExitCodes.Convention.DEFAULT));
    assertEquals(0, DiffExitCodes.forReport(none, DiffExitCodes.Convention.DETAILED));
  }

  @Test
  @DisplayName(
      "exit codes: 1 (default) or 2 (detailed) for changes; detailed maps 1 and 2 errors to 1")
  void exitCodes() {
    assertEquals(1, DiffExitCodes.forReport(lab, DiffExitCodes.Convention.DEFAULT));
    assertEquals(2, DiffExitCodes.forReport(lab, DiffExitCodes.Convention.DETAILED));
    var detailed = DiffExitCodes.Convention.DETAILED;
    var plain = DiffExitCodes.Convention.DEFAULT;
    assertEquals(
        2,
        DiffExitCodes.forError(io.clusterfactory.cfctl.core.error.ExitCode.INVALID_INPUT, plain));
    assertEquals(
        1,
        DiffExitCodes.forError(
            io.clusterfactory.cfctl.core.error.ExitCode.INVALID_INPUT, detailed));
    assertEquals(
        1, DiffExitCodes.forError(io.clusterfactory.cfctl.core.error.ExitCode.FAILED, detailed));
    assertEquals(
        5,
        DiffExitCodes.forError(io.clusterfactory.cfctl.core.error.ExitCode.FAILED, plain),
        "kubectl's convention: 1 means changes and nothing else");
    assertEquals(
        3,
        DiffExitCodes.forError(io.clusterfactory.cfctl.core.error.ExitCode.UNREACHABLE, detailed));
    assertEquals(
        4, DiffExitCodes.forError(io.clusterfactory.cfctl.core.error.ExitCode.INTERNAL, detailed));
  }

  @Test
  @DisplayName("only a k0s version change still counts as a change")
  void k0sVersionOnlyIsChange() {
    DiffReport r = new DiffReport(new HostsSection("v1", "v2", List.of()), null, null, List.of());
    assertTrue(r.hasChanges());
  }

  @Test
  @DisplayName("format names parse; an unknown one is invalid input")
  void formatParse() {
    assertEquals(DiffFormat.MARKDOWN, DiffFormat.parse("markdown"));
    assertEquals(DiffFormat.YAML, DiffFormat.parse("yaml"));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> DiffFormat.parse("toml"));
    assertTrue(e.hint().contains("text, json, yaml, markdown"), e.hint());
  }

  @Test
  @DisplayName(
      "markdown is cut to the limit with a note naming what was cut; blocks stay well-formed")
  void markdownCutToFit() {
    List<ObjectDiff> objects = new ArrayList<>();
    for (String component : List.of("alpha", "beta", "gamma", "delta")) {
      for (int i = 0; i < 60; i++) {
        StringBuilder data = new StringBuilder();
        for (int line = 0; line < 40; line++) {
          data.append("line ").append(line).append(" of object ").append(i).append('\n');
        }
        objects.add(
            LiveObjectDiffer.compare(
                ObjectRef.of("v1", "ConfigMap", component, "cm-" + i),
                component,
                null,
                Map.of(
                    "apiVersion",
                    "v1",
                    "kind",
                    "ConfigMap",
                    "metadata",
                    Map.of("name", "cm-" + i, "namespace", component),
                    "data",
                    Map.of("big", data.toString())),
                null));
      }
    }
    DiffReport big = new DiffReport(null, null, new LiveSection("", objects), List.of());
    String full = new DiffMarkdownWriter(Integer.MAX_VALUE).render(big);
    assertTrue(full.length() > 65_000, "fixture must exceed the limit: " + full.length());

    String md = new DiffMarkdownWriter(DiffMarkdownWriter.GITHUB_COMMENT_LIMIT).render(big);

    assertTrue(md.length() <= 65_000, "length " + md.length());
    assertTrue(
        md.contains("**Output cut to fit 65,000 characters.**"), md.substring(md.length() - 500));
    String note = md.substring(md.lastIndexOf("> **Output cut"));
    assertTrue(note.contains("Shortened: live: alpha ("), note);
    assertTrue(note.contains("Left out: live: beta, live: delta, live: gamma."), note);
    assertTrue(md.contains("**Plan:** 240 to create, 0 to update, 0 to delete, 0 unchanged"));
    assertEquals(count(md, "<details>"), count(md, "</details>"));
    assertEquals(0, count(md, "```") % 2, "code fences balanced");
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}

package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What validate can know without a network, each with its path and position, exit 2. */
class OfflineChecksTest {
  private static final String HOSTS =
      "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: t\n"
          + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n";

  static String repo(String fields) {
    return HOSTS + "  gitops:\n    repository:\n" + fields;
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of(
            "absolute path",
            repo("      url: file:///srv/g.git\n      path: /clusters/t\n"),
            "c.yaml:12:13: error: spec.gitops.repository.path: '/clusters/t' is absolute",
            "e.g. clusters/t"),
        Arguments.of(
            "path with ..",
            repo("      url: file:///srv/g.git\n      path: clusters/../../etc\n"),
            "c.yaml:12:13: error: spec.gitops.repository.path: 'clusters/../../etc' leaves",
            "without '..'"),
        Arguments.of(
            "path not normalised",
            repo("      url: file:///srv/g.git\n      path: ./clusters//t/\n"),
            "c.yaml:12:13: error: spec.gitops.repository.path: './clusters//t/' is not a"
                + " normalised path",
            "write clusters/t"),
        Arguments.of(
            "scp form behind ssh://",
            repo("      url: ssh://git@git.example.org:org/infra.git\n"),
            "c.yaml:11:12: error: spec.gitops.repository.url: 'ssh://git@git.example.org:org/"
                + "infra.git' mixes the two forms",
            "write ssh://git@git.example.org/org/infra.git (or"
                + " ssh://git@git.example.org:PORT/org/infra.git), or the scp form"
                + " git@git.example.org:org/infra.git without ssh://"),
        Arguments.of(
            "ssh:// without host",
            repo("      url: ssh:///srv/infra.git\n"),
            "c.yaml:11:12: error: spec.gitops.repository.url: the ssh:// URL 'ssh:///srv/infra.git'"
                + " has no host",
            "file:///path"),
        Arguments.of(
            "repository without url",
            repo("      branch: main\n"),
            "c.yaml:11:7: error: spec.gitops.repository.url: the repository has no url",
            "file:///srv/gitops.git"),
        Arguments.of(
            "duplicate hostname",
            HOSTS.replace("role: single", "role: controller")
                + "      hostname: node-a\n"
                + "    - role: worker\n      ssh: {address: 10.0.0.2}\n      hostname: Node-A\n",
            "c.yaml:12:17: error: spec.hosts[1].hostname: duplicate hostname Node-A (also"
                + " spec.hosts[0])",
            "its own hostname"),
        Arguments.of(
            "taint with an unknown effect",
            HOSTS + "      taints: [\"gpu=true:NoScheduler\"]\n",
            "error: spec.hosts[0].taints[0]: taint 'gpu=true:NoScheduler' has effect"
                + " 'NoScheduler', not one of NoExecute, NoSchedule, PreferNoSchedule",
            "key=value:Effect"),
        Arguments.of(
            "two taints with one key and effect",
            HOSTS + "      taints: [\"a=1:NoSchedule\", \"a=2:NoSchedule\"]\n",
            "error: spec.hosts[0].taints[1]: a second taint a:NoSchedule (also"
                + " spec.hosts[0].taints[0])",
            "keep one"),
        Arguments.of(
            "label key that a Node refuses",
            HOSTS + "      labels: {\"bad key\": x}\n",
            "error: spec.hosts[0].labels.bad key: 'bad key' is not a valid label key",
            "[prefix/]name"),
        Arguments.of(
            "label value that a Node refuses",
            HOSTS + "      labels: {rack: \"-r1\"}\n",
            "error: spec.hosts[0].labels.rack: '-r1' is not a valid label value",
            "up to 63 characters"),
        Arguments.of(
            "labels on a controller without a kubelet",
            HOSTS.replace("role: single", "role: controller")
                + "      labels: {rack: r1}\n"
                + "    - role: worker\n      ssh: {address: 10.0.0.2}\n",
            "error: spec.hosts[0].labels: a controller without a worker has no Node",
            "controller+worker"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  @DisplayName("each offline problem is reported at its position")
  void reported(String name, String yaml, String line, String hint) {
    InvalidConfigException e = ConfigLoaderTest.invalid(yaml);
    String report = e.getMessage();
    assertTrue(
        report.lines().anyMatch(l -> l.contains(line) && l.contains(hint)),
        () -> "expected '" + line + "' ... '" + hint + "' in:\n" + report);
    assertEquals(2, e.exitCode().code());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ssh://git@git.example.org/org/infra.git",
        "ssh://git@git.example.org:2222/org/infra.git",
        "git@git.example.org:org/infra.git",
        "ssh://[::1]:2222/x.git",
        "https://git.example.org/org/infra.git",
        "file:///srv/g.git"
      })
  @DisplayName("the right forms of a repository URL pass")
  void goodUrls(String url) {
    ConfigLoaderTest.load(repo("      url: " + url + "\n      path: clusters/t\n"));
  }

  @Test
  @DisplayName("hosts without hostname are not duplicates of each other")
  void hostsWithoutHostname() {
    ConfigLoaderTest.load(
        HOSTS.replace("role: single", "role: controller")
            + "    - role: worker\n      ssh: {address: 10.0.0.2}\n");
  }
}

package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private static final String HEAD =
      "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nmetadata:\n  name: t\n";

  static Cluster load(String yaml) {
    return loader(Map.of()).load(yaml, "c.yaml", Path.of("/tmp")).cluster();
  }

  static ConfigLoader loader(Map<String, String> env) {
    return new ConfigLoader(env::get, ValidationMode.OFFLINE);
  }

  static InvalidConfigException invalid(String yaml) {
    return invalid(yaml, Map.of());
  }

  static InvalidConfigException invalid(String yaml, Map<String, String> env) {
    return assertThrows(
        InvalidConfigException.class, () -> loader(env).load(yaml, "c.yaml", Path.of("/tmp")));
  }

  /** Each bad-input class, with the line and column the report must point at. */
  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(
            "yaml syntax",
            HEAD + "spec:\n  hosts:\n    - role: controller\n     ssh: {address: 10.0.0.1}\n",
            "c.yaml:8:",
            "YAML syntax error"),
        Arguments.of(
            "unknown field with suggestion",
            HEAD + "spec:\n  hosts:\n    - role: controller\n      ssh: {adress: 10.0.0.1}\n",
            "c.yaml:8:13",
            "unknown field 'adress' (did you mean 'address'?)"),
        Arguments.of(
            "wrong type",
            HEAD
                + "spec:\n  hosts:\n    - role: controller\n      ssh:\n        address: 10.0.0.1\n"
                + "        port: twenty-two\n",
            "c.yaml:10:15",
            "expected a whole number, got 'twenty-two'"),
        Arguments.of(
            "list where a string list is a string",
            HEAD
                + "spec:\n  hosts:\n    - role: controller\n      ssh: {address: 10.0.0.1}\n"
                + "      installFlags: --debug\n",
            "c.yaml:9:21",
            "expected a list"),
        Arguments.of(
            "missing required field",
            HEAD + "spec:\n  hosts:\n    - role: controller\n      ssh:\n        user: root\n",
            "c.yaml:9:9",
            "spec.hosts[0].ssh.address: address is required"),
        Arguments.of(
            "environment variable name a shell cannot export",
            HEAD
                + "spec:\n  hosts:\n    - role: controller\n      ssh: {address: 10.0.0.1}\n"
                + "      environment:\n        HTTP-PROXY: x\n",
            "c.yaml:10:21",
            "spec.hosts[0].environment.HTTP-PROXY: 'HTTP-PROXY' is not an environment variable"
                + " name"),
        Arguments.of(
            "dirPerm that is not an octal mode",
            HEAD
                + "spec:\n  hosts:\n    - role: controller\n      ssh: {address: 10.0.0.1}\n"
                + "      files:\n        - {data: x, dst: /etc/x, dirPerm: \"0999\"}\n",
            "c.yaml:10:",
            "spec.hosts[0].files[0].dirPerm: '0999' is not an octal mode"),
        Arguments.of(
            "invalid role",
            HEAD + "spec:\n  hosts:\n    - role: master\n      ssh: {address: 10.0.0.1}\n",
            "c.yaml:7:13",
            "invalid value 'master' (expected one of controller | worker"),
        Arguments.of(
            "duplicate key",
            HEAD
                + "spec:\n  hosts:\n    - role: controller\n      role: worker\n"
                + "      ssh: {address: 10.0.0.1}\n",
            "c.yaml:8:7",
            "duplicate key 'role' (first defined on line 7)"),
        Arguments.of(
            "duplicate host address",
            HEAD
                + "spec:\n  hosts:\n    - role: controller\n      ssh: {address: 10.0.0.1}\n"
                + "    - role: worker\n      ssh: {address: 10.0.0.1, port: 22}\n",
            "c.yaml:10:22",
            "duplicate host address 10.0.0.1:22 (also spec.hosts[0])"),
        Arguments.of(
            "invalid IP",
            HEAD
                + "spec:\n  hosts:\n    - role: controller\n      ssh: {address: 10.0.0.1}\n"
                + "      privateAddress: 10.0.0.999\n",
            "c.yaml:9:23",
            "'10.0.0.999' is not an IP address"),
        Arguments.of(
            "bad installFlags quote",
            HEAD
                + "spec:\n  hosts:\n    - role: controller\n      ssh: {address: 10.0.0.1}\n"
                + "      installFlags:\n        - --labels=\"a=b\n",
            "c.yaml:10:11",
            "unbalanced quotes"),
        Arguments.of(
            "no controller",
            HEAD + "spec:\n  hosts:\n    - role: worker\n      ssh: {address: 10.0.0.1}\n",
            "c.yaml:7:5",
            "no controller"),
        Arguments.of(
            "single with other hosts",
            HEAD
                + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n"
                + "    - role: worker\n      ssh: {address: 10.0.0.2}\n",
            "c.yaml:7:13",
            "role 'single' is only valid when it is the only host"),
        Arguments.of(
            "k0s version that is not a version",
            HEAD
                + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n"
                + "  k0s:\n    version: 1.31-latest\n",
            "c.yaml:10:14",
            "'1.31-latest' is not a k0s version"),
        Arguments.of(
            "unknown field in an empty-able stack block",
            HEAD
                + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n"
                + "  software:\n    slurmm: {}\n",
            "c.yaml:10:5",
            "unknown field 'slurmm'"),
        Arguments.of(
            "unset environment variable",
            HEAD + "spec:\n  hosts:\n    - role: single\n      ssh: {address: ${CTL_ADDR}}\n",
            "c.yaml:8:22",
            "environment variable CTL_ADDR is not set"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  @DisplayName("every bad-input class is reported with file:line:column")
  void reportsBadInputWithPosition(String name, String yaml, String position, String message) {
    InvalidConfigException e = invalid(yaml);
    String report = e.getMessage();
    assertTrue(
        report.lines().anyMatch(l -> l.contains(position) && l.contains(message)),
        () -> "expected a line with '" + position + "' and '" + message + "' in:\n" + report);
    assertEquals(2, e.exitCode().code());
  }

  @Test
  @DisplayName("a file with three mistakes reports all three at once")
  void reportsEveryProblemAtOnce() {
    String yaml =
        HEAD
            + "spec:\n  hosts:\n    - role: controler\n      ssh:\n        address: 10.0.0.1\n"
            + "        prot: 22\n  k0s:\n    version: banana\n";
    InvalidConfigException e = invalid(yaml);
    List<Problem> errors =
        e.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
    assertEquals(3, errors.size(), e.getMessage());
    assertEquals(7, errors.get(0).position().line());
    assertEquals(10, errors.get(1).position().line());
    assertEquals(12, errors.get(2).position().line());
  }

  @Test
  void aMalformedEvictTaintIsReportedWithItsPath() {
    String yaml =
        HEAD
            + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n"
            + "  options:\n    evictTaint: {enabled: true, taint: no-value, effect: Evict}\n";
    InvalidConfigException e = invalid(yaml);
    String message = e.getMessage();
    assertTrue(message.contains("spec.options.evictTaint.taint"), message);
    assertTrue(message.contains("key=value"), message);
    assertTrue(message.contains("spec.options.evictTaint.effect"), message);
    assertTrue(message.contains("NoExecute, NoSchedule or PreferNoSchedule"), message);
  }

  @Test
  void substitutesEnvironmentWithDefaults() {
    String yaml =
        HEAD
            + "spec:\n  hosts:\n    - role: single\n      ssh:\n        address: ${ADDR}\n"
            + "        user: ${SSH_USER:-ops}\n        port: $PORT\n"
            + "      hostname: \"$${literal}\"\n";
    Cluster c =
        loader(Map.of("ADDR", "10.1.2.3", "PORT", "2222"))
            .load(yaml, "c.yaml", Path.of("/tmp"))
            .cluster();
    var host = c.spec().hosts().get(0);
    assertEquals("10.1.2.3", host.ssh().address());
    assertEquals("ops", host.ssh().user());
    assertEquals(2222, host.ssh().port());
    assertEquals("${literal}", host.hostname());
  }

  @Test
  void explicitEmptyDefaultIsAllowed() {
    String yaml =
        HEAD
            + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n"
            + "      hostname: \"${NAME:-}\"\n";
    assertEquals("", load(yaml).spec().hosts().get(0).hostname());
  }

  @Test
  @DisplayName("defaults are applied in one place, as k0sctl's")
  void appliesDefaults() {
    Cluster c =
        load(
            "apiVersion: cfctl.clusterfactory.io/v1beta1\nkind: Cluster\nspec:\n  hosts:\n"
                + "    - role: controller\n      ssh: {address: 10.0.0.1}\n"
                + "      installFlags: [--enable-worker, --no-taints]\n"
                + "  gitops:\n    repository: {url: file:///srv/g.git}\n");
    assertEquals("k0s-cluster", c.metadata().name());
    var h = c.spec().hosts().get(0);
    assertEquals(Role.CONTROLLER_WORKER, h.role());
    assertTrue(h.noTaints());
    assertEquals("root", h.ssh().user());
    assertEquals(22, h.ssh().port());
    assertEquals("/var/lib/k0s", h.dataDir());
    assertEquals("/usr/local/bin/k0s", h.k0sInstallPath());
    assertEquals(30, c.spec().options().concurrency().limit());
    assertEquals(5, c.spec().options().concurrency().uploads());
    assertEquals(java.time.Duration.ofMinutes(2), c.spec().options().drain().gracePeriod().value());
    assertEquals("main", c.spec().gitops().repository().branch());
    assertEquals("clusters/k0s-cluster", c.spec().gitops().repository().path());
  }

  @Test
  void relativePathsResolveAgainstTheConfigFolder() {
    Cluster c =
        loader(Map.of())
            .load(
                HEAD
                    + "spec:\n  hosts:\n    - role: single\n      ssh:\n        address: 10.0.0.1\n"
                    + "        keyPath: keys/id\n      k0sBinaryPath: ./bin/k0s\n",
                "c.yaml",
                Path.of("/srv/site"))
            .cluster();
    assertEquals("/srv/site/keys/id", c.spec().hosts().get(0).ssh().keyPath());
    assertEquals("/srv/site/bin/k0s", c.spec().hosts().get(0).k0sBinaryPath());
    assertTrue(c.spec().hosts().get(0).uploadBinary());
  }

  @Test
  @DisplayName("a missing keyPath is a warning offline and an error before apply")
  void missingKeyIsWarningOfflineErrorForApply() {
    String yaml =
        HEAD
            + "spec:\n  hosts:\n    - role: single\n      ssh:\n        address: 10.0.0.1\n"
            + "        keyPath: /nonexistent/key\n";
    LoadedConfig offline = loader(Map.of()).load(yaml, "c.yaml", Path.of("/tmp"));
    assertEquals(1, offline.warnings().size());
    assertTrue(offline.warnings().get(0).format().startsWith("c.yaml:10:18: warning:"));
    var e =
        assertThrows(
            InvalidConfigException.class,
            () ->
                new ConfigLoader(k -> null, ValidationMode.APPLY)
                    .load(yaml, "c.yaml", Path.of("/tmp")));
    assertTrue(e.getMessage().contains("c.yaml:10:18: error:"), e.getMessage());
  }

  @Test
  void k0sConfigDocumentsAreMergedAndOtherDocumentsKept() {
    String yaml =
        HEAD
            + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n"
            + "---\napiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\n"
            + "spec:\n  api: {port: 6443}\n"
            + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n";
    LoadedConfig loaded = loader(Map.of()).load(yaml, "c.yaml", Path.of("/tmp"));
    Map<?, ?> spec = (Map<?, ?>) loaded.cluster().spec().k0s().config().get("spec");
    assertEquals(Map.of("port", 6443), spec.get("api"));
    assertEquals(1, loaded.manifests().size());
  }

  @Test
  void localhostAcceptsBothForms() {
    Cluster a = load(HEAD + "spec:\n  hosts:\n    - role: single\n      localhost: true\n");
    Cluster b =
        load(HEAD + "spec:\n  hosts:\n    - role: single\n      localhost: {enabled: true}\n");
    assertTrue(a.spec().hosts().get(0).isLocalhost());
    assertTrue(b.spec().hosts().get(0).isLocalhost());
  }

  @Test
  void emptyStackBlocksAreValid() {
    Cluster c =
        load(
            HEAD
                + "spec:\n  hosts:\n    - role: single\n      ssh: {address: 10.0.0.1}\n"
                + "  network: {}\n  software: {}\n  provisioning: {}\n");
    assertTrue(c.spec().network() != null);
  }
}

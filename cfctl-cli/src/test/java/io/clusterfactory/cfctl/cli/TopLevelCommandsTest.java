package io.clusterfactory.cfctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Lazy registration: a run loads the command it runs, and the table stays whole. */
class TopLevelCommandsTest {
  @Test
  void everyNameCreatesTheCommandOfThatName() {
    for (String name : TopLevelCommands.NAMES) {
      Object command = TopLevelCommands.create(name);
      assertEquals(name, command.getClass().getAnnotation(Command.class).name());
    }
  }

  @Test
  void aRunRegistersOnlyTheCommandItNames() {
    assertEquals(List.of("validate"), TopLevelCommands.neededFor(args("-v", "validate", "x.yaml")));
    assertEquals(List.of("nodes"), TopLevelCommands.neededFor(args("nodes", "expand", "a[1-2]")));
    for (String[] all :
        List.of(
            args(),
            args("--help"),
            args("--help", "validate"),
            args("-V"),
            args("completion", "bash"),
            args("no-such-command"))) {
      assertEquals(
          TopLevelCommands.NAMES, TopLevelCommands.neededFor(all), List.of(all).toString());
    }
  }

  /**
   * In a fresh JVM, `--version` loads neither picocli nor logback, and `validate` loads no other
   * command and no Kubernetes, SSH or Git client class.
   */
  @Test
  void startUpLoadsOnlyWhatTheCommandUses() throws Exception {
    List<String> version = loadedClasses("--version");
    assertTrue(version.stream().anyMatch(c -> c.equals("io.clusterfactory.cfctl.cli.Main")));
    assertFalse(version.stream().anyMatch(c -> c.startsWith("picocli.")), "picocli loaded");
    assertFalse(version.stream().anyMatch(c -> c.startsWith("ch.qos.logback.")), "logback loaded");

    List<String> validate =
        loadedClasses("validate", Path.of("../examples/single/cluster.yaml").toString());
    assertTrue(validate.contains("io.clusterfactory.cfctl.cli.commands.ValidateCommand"));
    for (String absent :
        List.of(
            "io.clusterfactory.cfctl.cli.commands.ApplyCommand",
            "io.clusterfactory.cfctl.cli.commands.StatusCommand",
            "io.fabric8.",
            "net.schmizz.",
            "org.eclipse.jgit.",
            "ch.qos.logback.core.joran.")) {
      assertFalse(validate.stream().anyMatch(c -> c.startsWith(absent)), absent + " loaded");
    }
  }

  private static List<String> loadedClasses(String... cfctlArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:off");
    cmd.add("-Xlog:class+load=info:stdout");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(cfctlArgs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
    assertEquals(0, p.exitValue(), out);
    return out.lines()
        .filter(l -> l.contains("[class,load]"))
        .map(l -> l.replaceAll(".*\\[class,load\\] (\\S+) .*", "$1"))
        .toList();
  }

  private static String[] args(String... a) {
    return a;
  }
}

package io.clusterfactory.cfctl.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.cli.StructuredOutput;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.core.config.InvalidConfigException;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.Problem;
import io.clusterfactory.cfctl.core.config.StrictBinder;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.Role;
import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.clusterfactory.cfctl.core.validate.Finding;
import io.clusterfactory.cfctl.core.validate.ObjectValidator;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    description = {
      "Check cluster.yaml and report every problem at once, with file:line:column,",
      "then every object of the tree it renders (offline: Kubernetes kinds, the CRDs the tree",
      "carries, Argo CD's rules; exit 2 naming file, object and field; charts are not hydrated).",
      "Checks that need this machine (a key file that exists) are warnings here."
    })
public final class ValidateCommand implements Callable<Integer> {
  enum Format {
    text,
    json,
    yaml
  }

  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      description = "text | json | yaml (default text)",
      defaultValue = "text")
  Format output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (output != Format.text) {
      return structured(output == Format.yaml);
    }
    LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
    var err = spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println(w.format()));
    ObjectValidator.requireValid(objectFindings(loaded));
    spec.commandLine().getOut().println(loaded.source() + " is valid: " + summary(loaded));
    return 0;
  }

  /**
   * {@code cfctl validate FILE}, the form CI loops run, without the parser: building picocli's
   * model of the root and this command was a third of validate's start-up (docs/performance.md).
   * Prints exactly what {@link #call} prints for a valid file and returns 0; returns null, having
   * printed nothing, for anything else (an invalid file, an unreadable one), which then goes
   * through the parser and the one error handler, so every failure reads the same.
   */
  public static Integer validFileFast(String file, PrintWriter out, PrintWriter err) {
    TreeRenderer.warmUp();
    LoadedConfig loaded;
    List<Finding> findings;
    try {
      loaded = ConfigOption.loadFile(file, ValidationMode.OFFLINE);
      findings = objectFindings(loaded);
    } catch (RuntimeException e) {
      return null;
    }
    if (findings.stream().anyMatch(Finding::isError)) {
      return null;
    }
    loaded.warnings().forEach(w -> err.println(w.format()));
    out.println(loaded.source() + " is valid: " + summary(loaded));
    return 0;
  }

  /**
   * The offline object check apply runs before its first mutation (docs/validation.md), on the tree
   * this config renders; never hydrates (no network). A config without a GitOps repository renders
   * no tree: nothing to check.
   */
  static List<Finding> objectFindings(LoadedConfig loaded) {
    var gitops = loaded.cluster().spec().gitops();
    if (gitops == null || gitops.repository() == null) {
      return List.of();
    }
    RenderedTree tree = TreeRenderer.render(loaded);
    return new ObjectValidator()
        .validate(
            ObjectValidator.targets(tree, HydratedTree.NONE),
            ObjectValidator.location(loaded.cluster().spec().gitops(), tree));
  }

  /** The outcome and every problem as one document: CI reads it rather than the text. */
  private int structured(boolean yaml) {
    ObjectNode result = StrictBinder.mapper().createObjectNode();
    List<Problem> problems;
    List<Finding> findings = List.of();
    int code;
    try {
      LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
      problems = loaded.warnings();
      findings = objectFindings(loaded).stream().filter(f -> !isNote(f)).toList();
      boolean valid = findings.stream().noneMatch(Finding::isError);
      result.put("valid", valid);
      result.put("summary", summary(loaded));
      code = valid ? 0 : ExitCode.INVALID_INPUT.code();
    } catch (InvalidConfigException e) {
      problems = e.problems();
      result.put("valid", false);
      code = e.exitCode().code();
    }
    result.put("file", config.name());
    ArrayNode arr = result.putArray("problems");
    for (Problem p : problems) {
      ObjectNode o = arr.addObject();
      o.put("severity", p.severity().name().toLowerCase());
      o.put("path", p.path());
      if (p.position() != null) {
        o.put("line", p.position().line());
        o.put("column", p.position().column());
      }
      o.put("message", p.message());
      if (p.hint() != null) {
        o.put("hint", p.hint());
      }
    }
    // the rendered objects' findings: file, line, object and field path (docs/validation.md)
    ArrayNode objects = result.putArray("objects");
    for (Finding f : findings) {
      ObjectNode o = objects.addObject();
      o.put("severity", f.severity().name().toLowerCase());
      o.put("file", f.file());
      if (f.line() > 0) {
        o.put("line", f.line());
      }
      o.put("object", f.object());
      o.put("path", f.path());
      o.put("message", f.message());
    }
    StructuredOutput.print(spec.commandLine().getOut(), result, yaml);
    return code;
  }

  private static boolean isNote(Finding f) {
    return f.severity() == Finding.Severity.NOTE;
  }

  static String summary(LoadedConfig loaded) {
    List<Host> hosts = loaded.cluster().spec().hosts();
    Map<Role, Long> byRole =
        new TreeMap<>(
            hosts.stream().collect(Collectors.groupingBy(Host::role, Collectors.counting())));
    String roles =
        byRole.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().yaml())
            .collect(Collectors.joining(", "));
    String k0s = loaded.cluster().spec().k0s().version();
    return hosts.size()
        + (hosts.size() == 1 ? " host (" : " hosts (")
        + roles
        + "), k0s "
        + (k0s == null ? "not pinned" : k0s);
  }
}

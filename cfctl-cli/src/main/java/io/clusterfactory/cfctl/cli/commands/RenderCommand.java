package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.DurationConverter;
import io.clusterfactory.cfctl.core.apply.CertificateSealing;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.error.UnhydratedChartsException;
import io.clusterfactory.cfctl.core.hydrate.ChartLock;
import io.clusterfactory.cfctl.core.hydrate.HelmHydrator;
import io.clusterfactory.cfctl.core.hydrate.HydratedFiles;
import io.clusterfactory.cfctl.core.hydrate.HydratedTree;
import io.clusterfactory.cfctl.core.hydrate.Unhydrated;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.clusterfactory.cfctl.core.render.TreeWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "render",
    description = {
      "Write the GitOps tree (app-of-apps and every stack) to a folder; touches nothing else.",
      "The same cluster.yaml renders byte-identical files on every run and machine."
    })
public final class RenderCommand implements Callable<Integer> {
  private static final Logger logger = LoggerFactory.getLogger(RenderCommand.class);

  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description =
          "Folder to write the tree to (files cfctl wrote there before and no longer"
              + " renders are removed; nothing else is); - writes every manifest to stdout as"
              + " one multi-document stream, as helm template does")
  Path output;

  @Option(
      names = "--cert",
      paramLabel = "CERT.pem",
      description =
          "Seal the stacks' secrets with this controller certificate (default:"
              + " gitops.sealedSecrets.certificate; without either, secrets stay listed in"
              + " cfctl-secrets.yaml)")
  Path cert;

  @Option(
      names = "--hydrate",
      description =
          "Also render every chart with Helm in-process and write its objects under"
              + " hydrated/<application>/ (docs/helm.md); a chart that cannot be hydrated fails"
              + " the render, each one named, and nothing is written")
  boolean hydrate;

  @Option(
      names = "--update-lock",
      description =
          "With --hydrate: write charts.lock.yaml beside cluster.yaml with the digest of every"
              + " chart pulled (a changed digest becomes the new pin; a chart not pulled keeps"
              + " its entry)")
  boolean updateLock;

  @Option(
      names = "--timeout",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "With --hydrate: give up pulling charts after this long (default 5m)")
  Duration timeout;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var parsed = spec.commandLine().getParseResult();
    if (!hydrate && (updateLock || parsed.hasMatchedOption("--timeout"))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          (updateLock ? "--update-lock" : "--timeout") + " works with --hydrate; add --hydrate");
    }
    LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
    var err = spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println(w.format()));
    RenderedTree tree = TreeRenderer.render(loaded);
    boolean stdout = output.toString().equals("-");
    HydratedTree hydrated = hydrate ? hydrate(loaded, tree, stdout) : HydratedTree.NONE;
    // the same offline object check apply runs before its first mutation (docs/validation.md)
    io.clusterfactory.cfctl.core.validate.ObjectValidator.requireValid(
        new io.clusterfactory.cfctl.core.validate.ObjectValidator()
            .validate(
                io.clusterfactory.cfctl.core.validate.ObjectValidator.targets(tree, hydrated),
                io.clusterfactory.cfctl.core.validate.ObjectValidator.location(
                    loaded.cluster().spec().gitops(), tree)));
    // Sealed bytes of unchanged inputs are kept from the previous render in the same folder.
    TreeSealing.Sealed sealed =
        new CertificateSealing(stdout, cert, System.getenv())
            .seal(loaded, tree, null, path -> stdout ? null : previous(output.resolve(path)));
    sealed.notes().forEach(n -> logger.info("Note: {}", n));
    SortedMap<String, byte[]> files = new TreeMap<>(sealed.files());
    files.putAll(HydratedFiles.of(hydrated));
    if (stdout) {
      var out = spec.commandLine().getOut();
      out.print(stream(files));
      out.flush();
      return 0;
    }
    TreeWriter.write(
        new RenderedTree(files, tree.objects(), tree.secrets(), tree.secretInputs()), output);
    return 0;
  }

  /**
   * Hydrates the tree's charts; with {@code --update-lock} writes the site lock from what was
   * pulled, even when some chart failed (its entry is kept, a digest is never guessed). A chart
   * that cannot be hydrated fails the render before any file of the output is written.
   */
  private HydratedTree hydrate(LoadedConfig loaded, RenderedTree tree, boolean stdout) {
    HelmHydrator hydrator = HostsStages.helmHydrator(loaded, timeout, updateLock);
    HydratedTree hydrated = hydrator.hydrate(tree);
    if (updateLock) {
      Set<String> notPulled = new TreeSet<>();
      hydrated.missing().forEach(u -> notPulled.add(u.chart().label()));
      ChartLock next = ChartLock.site(loaded.baseDir()).updated(hydrator.pulledCharts(), notPulled);
      Path file = next.writeSite(loaded.baseDir());
      logger.info("==> Locked {} chart(s) in {}", next.charts().size(), file);
    }
    if (!hydrated.complete()) {
      throw new UnhydratedChartsException(
          hydrated.missing().stream()
              .map(u -> u.application() + " (" + u.chart().label() + "): " + u.reason())
              .toList(),
          hydrated.missing().stream().anyMatch(Unhydrated::lockRefused),
          stdout ? "nothing was printed" : "nothing was written to " + output,
          "check the chart repositories are reachable; without --hydrate the tree alone is"
              + " rendered");
    }
    return hydrated;
  }

  /**
   * Every YAML file of the tree, in path order, as one stream of documents, each file headed by a
   * {@code # Source:} comment (helm template's form); files that are not manifests are left out.
   */
  static String stream(java.util.SortedMap<String, byte[]> files) {
    StringBuilder b = new StringBuilder();
    files.forEach(
        (path, bytes) -> {
          if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
            return;
          }
          String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
          b.append("---\n# Source: ").append(path).append('\n');
          b.append(text.startsWith("---\n") ? text.substring(4) : text);
          if (!text.endsWith("\n")) {
            b.append('\n');
          }
        });
    return b.toString();
  }

  private static byte[] previous(Path file) {
    try {
      return java.nio.file.Files.isRegularFile(file)
          ? java.nio.file.Files.readAllBytes(file)
          : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}

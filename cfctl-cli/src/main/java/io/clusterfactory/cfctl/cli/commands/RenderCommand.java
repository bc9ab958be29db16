package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.core.apply.CertificateSealing;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.TreeRenderer;
import io.clusterfactory.cfctl.core.render.TreeWriter;
import java.nio.file.Path;
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

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
    var err = spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println(w.format()));
    RenderedTree tree = TreeRenderer.render(loaded);
    // the same offline object check apply runs before its first mutation (docs/validation.md)
    io.clusterfactory.cfctl.core.validate.ObjectValidator.requireValid(
        new io.clusterfactory.cfctl.core.validate.ObjectValidator()
            .validate(
                io.clusterfactory.cfctl.core.validate.ObjectValidator.targets(
                    tree, io.clusterfactory.cfctl.core.hydrate.HydratedTree.NONE),
                io.clusterfactory.cfctl.core.validate.ObjectValidator.location(
                    loaded.cluster().spec().gitops(), tree)));
    // Sealed bytes of unchanged inputs are kept from the previous render in the same folder.
    boolean stdout = output.toString().equals("-");
    TreeSealing.Sealed sealed =
        new CertificateSealing(stdout, cert, System.getenv())
            .seal(loaded, tree, null, path -> stdout ? null : previous(output.resolve(path)));
    sealed.notes().forEach(n -> logger.info("Note: {}", n));
    if (stdout) {
      var out = spec.commandLine().getOut();
      out.print(stream(sealed.files()));
      out.flush();
      return 0;
    }
    TreeWriter.write(
        new RenderedTree(sealed.files(), tree.objects(), tree.secrets(), tree.secretInputs()),
        output);
    return 0;
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

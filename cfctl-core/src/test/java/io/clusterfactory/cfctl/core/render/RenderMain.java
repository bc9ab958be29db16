package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import java.nio.file.Path;

/**
 * Renders a cluster.yaml into a folder without the CLI: {@code RenderMain CLUSTER_YAML OUT_DIR}.
 * Used by bench/render-bench.sh when the CLI jar is not built.
 */
public final class RenderMain {
  private RenderMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: RenderMain CLUSTER_YAML OUT_DIR");
      System.exit(2);
    }
    LoadedConfig config = ConfigLoader.offline().load(Path.of(args[0]));
    RenderedTree tree = RenderAction.render(config);
    RenderAction.WriteResult result = RenderAction.write(tree, Path.of(args[1]));
    System.out.println(
        tree.files().size()
            + " files, "
            + tree.objects().size()
            + " objects, "
            + result.written().size()
            + " written");
  }
}

package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import java.nio.file.Path;

/**
 * Renders a cluster.yaml into a folder without the CLI: {@code RenderMain CLUSTER_YAML OUT_DIR}.
 * Used by bench/render-bench.sh when the CLI jar has no render command; prints where time went.
 */
public final class RenderMain {
  private RenderMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: RenderMain CLUSTER_YAML OUT_DIR");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    LoadedConfig config = ConfigLoader.offline().load(Path.of(args[0]));
    long t1 = System.nanoTime();
    RenderedTree tree = TreeRenderer.render(config);
    long t2 = System.nanoTime();
    TreeWriter.WriteResult result = TreeWriter.write(tree, Path.of(args[1]));
    long t3 = System.nanoTime();
    System.out.printf(
        "%d files, %d objects, %d written; load+validate %d ms, render %d ms, write %d ms%n",
        tree.files().size(),
        tree.objects().size(),
        result.written().size(),
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000);
  }
}

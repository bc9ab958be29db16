package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a rendered tree to a folder ({@code cfctl render --out}). The folder keeps a list of the
 * files cfctl wrote ({@value #OWNED_LIST}); a later write removes those that are no longer
 * rendered, and touches nothing else.
 */
public final class TreeWriter {
  /** The list of files cfctl owns in an output folder, one relative path per line. */
  public static final String OWNED_LIST = ".cfctl-rendered";

  private static final Logger logger = LoggerFactory.getLogger(TreeWriter.class);

  private TreeWriter() {}

  /** What a write did, by relative path. */
  public record WriteResult(List<String> written, List<String> unchanged, List<String> removed) {}

  /**
   * Writes {@code tree} under {@code outDir} (created if missing): files whose content changed are
   * rewritten, files cfctl wrote before and no longer renders are removed. Nothing outside outDir
   * is touched, and no file cfctl did not write is removed.
   */
  public static WriteResult write(RenderedTree tree, Path outDir) {
    Path root = outDir.toAbsolutePath().normalize();
    List<String> written = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    try {
      Files.createDirectories(root);
      TreeSet<String> previous = owned(root);
      for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
        Path target = inside(root, f.getKey());
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
            && Arrays.equals(Files.readAllBytes(target), f.getValue())) {
          unchanged.add(f.getKey());
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.write(target, f.getValue());
        written.add(f.getKey());
      }
      for (String old : previous) {
        if (tree.files().containsKey(old)) {
          continue;
        }
        Path target = inside(root, old);
        if (Files.deleteIfExists(target)) {
          removed.add(old);
          pruneEmptyParents(root, target.getParent());
        }
      }
      Files.writeString(
          root.resolve(OWNED_LIST),
          String.join("\n", tree.files().keySet()) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OperationFailedException(
          "cannot write the rendered tree to " + root + ": " + e.getMessage(),
          "check that the folder is writable",
          e);
    }
    logger.info(
        "==> Rendered {} files to {} ({} written, {} unchanged, {} removed)",
        tree.files().size(),
        root,
        written.size(),
        unchanged.size(),
        removed.size());
    return new WriteResult(List.copyOf(written), List.copyOf(unchanged), List.copyOf(removed));
  }

  private static TreeSet<String> owned(Path root) throws IOException {
    TreeSet<String> paths = new TreeSet<>();
    Path list = root.resolve(OWNED_LIST);
    if (Files.isRegularFile(list)) {
      for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          paths.add(line.trim());
        }
      }
    }
    return paths;
  }

  /** Resolves a relative path, refusing anything that would leave the root. */
  static Path inside(Path root, String relative) {
    Path p = root.resolve(relative).normalize();
    if (Path.of(relative).isAbsolute() || !p.startsWith(root) || p.equals(root)) {
      throw new InternalException("refusing to write outside " + root + ": " + relative, null);
    }
    return p;
  }

  private static void pruneEmptyParents(Path root, Path dir) throws IOException {
    Path d = dir;
    while (d != null && d.startsWith(root) && !d.equals(root)) {
      try (var entries = Files.list(d)) {
        if (entries.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(d);
      d = d.getParent();
    }
  }
}

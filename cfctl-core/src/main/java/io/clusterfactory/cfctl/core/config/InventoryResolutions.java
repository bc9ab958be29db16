package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import io.clusterfactory.cfctl.grendel.inventory.Inventory;
import io.clusterfactory.cfctl.grendel.inventory.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Resolves the Grendel inventory once per input: validation and rendering of the same cluster.yaml
 * (in one run) share the result, which for thousands of nodes is the larger part of the work. The
 * CSV file's size and modification time are part of the key, so an edited inventory is re-read.
 */
public final class InventoryResolutions {
  private record Key(
      GrendelSpec spec, Path baseDir, List<String> reserved, long size, long mtime) {}

  private record Entry(Key key, Resolution resolution) {}

  private static volatile Entry last;

  private InventoryResolutions() {}

  public static Resolution analyze(GrendelSpec spec, Path baseDir, List<String> reserved) {
    Key key = key(spec, baseDir, reserved);
    Entry e = last;
    if (e != null && e.key().equals(key)) {
      return e.resolution();
    }
    Resolution r = Inventory.analyze(spec, baseDir, reserved);
    last = new Entry(key, r);
    return r;
  }

  private static Key key(GrendelSpec spec, Path baseDir, List<String> reserved) {
    long size = -1;
    long mtime = -1;
    if (spec.inventory() != null) {
      Path csv = baseDir == null ? Path.of(spec.inventory()) : baseDir.resolve(spec.inventory());
      try {
        size = Files.size(csv);
        mtime = Files.getLastModifiedTime(csv).toMillis();
      } catch (IOException e) {
        // a missing file is the resolution's finding; the key just has no file facts
      }
    }
    return new Key(spec, baseDir, List.copyOf(Objects.requireNonNull(reserved)), size, mtime);
  }
}

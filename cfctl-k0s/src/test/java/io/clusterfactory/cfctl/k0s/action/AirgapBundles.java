package io.clusterfactory.cfctl.k0s.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes an air-gap bundle folder as {@code cfctl airgap bundle} lays it out (its files and a
 * manifest listing each with size and sha256), for host-side tests that need no chart.
 */
final class AirgapBundles {
  private AirgapBundles() {}

  /**
   * @param files by path relative to the bundle, e.g. {@code k0s/<v>/k0s-<v>-amd64}
   */
  static Path write(Path dir, String cluster, String k0sVersion, Map<String, byte[]> files)
      throws IOException {
    List<String> listed = new ArrayList<>();
    for (var f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
      listed.add(
          "{\"path\":\""
              + f.getKey()
              + "\",\"size\":"
              + f.getValue().length
              + ",\"sha256\":\""
              + sha256(f.getValue())
              + "\"}");
    }
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"format\":\"cfctl.clusterfactory.io/airgap-bundle/v1alpha1\",\"cluster\":\""
            + cluster
            + "\",\"k0sVersion\":\""
            + k0sVersion
            + "\",\"architectures\":[\"amd64\"],\"images\":[],\"charts\":[],\"files\":["
            + String.join(",", listed)
            + "],\"left\":[]}\n");
    return dir;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

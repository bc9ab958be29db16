package io.clusterfactory.cfctl.core.airgap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.hydrate.ImagePuller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes the images of one architecture as one OCI image layout in a tar ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/...}), the form containerd imports and k0s imports from
 * {@code <dataDir>/images/} when its worker starts. Each image is named in the index (the {@code
 * io.containerd.image.name} annotation) as the cluster's objects name it, so a node finds it
 * without a registry. Byte-stable: entries sorted, no time, owner or mode of this machine.
 */
final class ImageArchiveWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The archive of {@code arch}'s images, relative to the bundle: {@code
   * images/cfctl-images-<arch>.tar}.
   */
  static String file(String arch) {
    return BundleCollector.IMAGES + "/cfctl-images-" + arch + ".tar";
  }

  /**
   * @param images each image's name as the nodes pull it, and its pulled manifest
   * @param blobs the folder the manifests' blobs were pulled into
   */
  static void write(Path target, Map<String, ImagePuller.Pulled> images, Path blobs) {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode manifests = index.putArray("manifests");
    TreeSet<String> needed = new TreeSet<>();
    try {
      for (Map.Entry<String, ImagePuller.Pulled> e : new TreeMap<>(images).entrySet()) {
        ImagePuller.Pulled p = e.getValue();
        ObjectNode m = manifests.addObject();
        m.put("mediaType", p.mediaType());
        m.put("digest", p.digest());
        m.put("size", p.bytes().length);
        ObjectNode notes = m.putObject("annotations");
        notes.put("io.containerd.image.name", e.getKey());
        notes.put("org.opencontainers.image.ref.name", tag(e.getKey()));
        needed.add(p.digest());
        JsonNode manifest = JSON.readTree(p.bytes());
        needed.add(manifest.path("config").path("digest").asText());
        manifest.path("layers").forEach(l -> needed.add(l.path("digest").asText()));
      }
      Files.createDirectories(target.getParent());
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      try (OutputStream out = Files.newOutputStream(partial);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        entry(tar, "blobs/", null, 0);
        entry(tar, "blobs/sha256/", null, 0);
        for (String digest : needed) {
          Path blob = ImagePuller.blobPath(blobs, digest);
          entry(
              tar, "blobs/sha256/" + digest.substring("sha256:".length()), blob, Files.size(blob));
        }
        bytes(tar, "index.json", JSON.writeValueAsBytes(index));
        bytes(
            tar,
            "oci-layout",
            "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        tar.finish();
      }
      Files.move(
          partial,
          target,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    }
  }

  /** The tag of a reference ({@code latest} when it names none). */
  static String tag(String reference) {
    String r = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') ? r.substring(colon + 1) : "latest";
  }

  private static void entry(TarArchiveOutputStream tar, String name, Path file, long size)
      throws IOException {
    put(
        tar,
        name,
        file == null ? 040755 : 0100644,
        file == null ? 0 : size,
        out -> {
          if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
              in.transferTo(out);
            }
          }
        });
  }

  private static void bytes(TarArchiveOutputStream tar, String name, byte[] body)
      throws IOException {
    put(tar, name, 0100644, body.length, out -> out.write(body));
  }

  /** Writes a tar entry's body. */
  @FunctionalInterface
  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** One entry with nothing of this machine in it: time 0, owner 0:0, no names. */
  private static void put(TarArchiveOutputStream tar, String name, int mode, long size, Body body)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setModTime(0);
    e.setUserId(0);
    e.setGroupId(0);
    e.setUserName("");
    e.setGroupName("");
    e.setMode(mode);
    e.setSize(size);
    tar.putArchiveEntry(e);
    body.write(tar);
    tar.closeArchiveEntry();
  }

  private ImageArchiveWriter() {}
}

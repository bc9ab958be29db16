package io.clusterfactory.cfctl.cli;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in k0s release on loopback: {@code /<version>/k0s-<version>-<arch>} and the image bundle
 * {@code k0s-airgap-bundle-<version>-<arch>} for amd64 and arm64 (a few bytes naming the arch) and
 * the release's {@code sha256sums.txt} beside them.
 */
final class LoopbackK0sRelease implements AutoCloseable {
  static final String VERSION = "v1.31.2+k0s.0";

  private final HttpServer server;
  final Map<String, byte[]> assets = new TreeMap<>();
  final List<String> asked = new CopyOnWriteArrayList<>();
  volatile String sums;

  LoopbackK0sRelease() throws Exception {
    StringBuilder list = new StringBuilder();
    for (String arch : List.of("amd64", "arm64")) {
      String asset = "k0s-" + VERSION + "-" + arch;
      byte[] body =
          ("#!/bin/sh\necho " + VERSION + " " + arch + "\n").getBytes(StandardCharsets.UTF_8);
      assets.put(asset, body);
      list.append(sha256(body)).append(" *").append(asset).append('\n');
      String images = "k0s-airgap-bundle-" + VERSION + "-" + arch;
      byte[] archive = ("oci archive of k0s's images for " + arch).getBytes(StandardCharsets.UTF_8);
      assets.put(images, archive);
      list.append(sha256(archive)).append(" *").append(images).append('\n');
    }
    sums = list.toString();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          asked.add(path);
          String name = path.substring(path.lastIndexOf('/') + 1);
          byte[] body =
              !path.startsWith("/" + VERSION + "/")
                  ? null
                  : name.equals("sha256sums.txt")
                      ? sums.getBytes(StandardCharsets.UTF_8)
                      : assets.get(name);
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
  }

  /** The hosts' k0sDownloadURL template for this release. */
  String template() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/%v/k0s-%v-%p";
  }

  /** {@code yaml} (an examples/ cluster.yaml) with every host downloading k0s from here. */
  String pointHostsHere(String yaml) {
    return yaml.replace("      ssh:\n", "      k0sDownloadURL: " + template() + "\n      ssh:\n");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

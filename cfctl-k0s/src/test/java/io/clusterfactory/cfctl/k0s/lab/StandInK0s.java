package io.clusterfactory.cfctl.k0s.lab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The stand-in {@code k0s} executable (test resource {@code lab/k0s}, a bash script): copies of it
 * with a chosen version, optionally padded to the size of a real binary for benchmarks. cfctl
 * uploads such a copy like the real binary. What the script does is described in docs/lab.md.
 */
public final class StandInK0s {
  /** Where cfctl installs k0s on a host. */
  public static final String INSTALL_PATH = "/usr/local/bin/k0s";

  /**
   * Every call of the stand-in on a host, one line each: {@code <unix-seconds> <arg> <arg>...},
   * each argument quoted with bash's {@code printf %q}. Outside the data dir: {@code k0s reset}
   * keeps it.
   */
  public static final String CALLS_LOG = "/var/lib/k0s-standin/calls.log";

  /** Folder shared by all hosts of a lab: cluster-wide state (tokens, joined nodes). */
  public static final String SHARED_STATE = "/var/lib/k0s-standin-cluster";

  /** The version the resource script reports. */
  public static final String DEFAULT_VERSION = "v1.31.2+k0s.0";

  private static final String VERSION_MARKER = "# cfctl-lab:version";
  private static final String RESOURCE = "/lab/k0s";

  private StandInK0s() {}

  /** The script's text, reporting {@code version} (e.g. {@code v1.31.2+k0s.0}). */
  public static String script(String version) {
    if (!version.matches("v[0-9A-Za-z.+-]+")) {
      throw new IllegalArgumentException("not a k0s version: " + version);
    }
    String original;
    try (InputStream in = StandInK0s.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + RESOURCE + " is missing");
      }
      original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    StringBuilder result = new StringBuilder();
    boolean replaced = false;
    for (String line : original.split("\n", -1)) {
      if (line.endsWith(VERSION_MARKER)) {
        line = "K0S_VERSION=\"" + version + "\" " + VERSION_MARKER;
        replaced = true;
      }
      result.append(line).append('\n');
    }
    if (!replaced) {
      throw new IllegalStateException(RESOURCE + " has no line ending in " + VERSION_MARKER);
    }
    return result.substring(0, result.length() - 1);
  }

  /** Writes an executable copy reporting {@code version} into {@code folder}; returns its path. */
  public static Path write(Path folder, String version) {
    return write(folder, version, 0);
  }

  /**
   * Like {@link #write(Path, String)}, padded with comment lines after the script's final {@code
   * exit} to at least {@code size} bytes, so uploads move as much data as a real k0s binary.
   */
  public static Path write(Path folder, String version, long size) {
    Path file = folder.resolve("k0s-" + version + (size > 0 ? "-" + size : ""));
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String text = script(version);
      out.write(text);
      long written = text.getBytes(StandardCharsets.UTF_8).length;
      String padding = "#" + "0123456789abcdef".repeat(63) + "0123456789abcd\n";
      while (written < size) {
        out.write(padding);
        written += padding.length();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException("making " + file + " executable", e);
    }
    return file;
  }
}

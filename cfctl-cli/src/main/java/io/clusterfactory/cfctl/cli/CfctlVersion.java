package io.clusterfactory.cfctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * cfctl's version, from the build. Kept free of picocli and logging so {@link Main} can answer
 * {@code --version} before either is loaded.
 */
public final class CfctlVersion {
  private CfctlVersion() {}

  public static String version() {
    Properties p = new Properties();
    try (InputStream in = CfctlVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown": the version is informative only
    }
    return p.getProperty("version", "unknown");
  }

  /** The line {@code cfctl --version} and {@code cfctl version} print. */
  public static String line() {
    return "cfctl " + version();
  }
}

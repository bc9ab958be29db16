package io.clusterfactory.cfctl.k0s.model;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A k0s version such as {@code v1.31.2+k0s.0} or {@code v1.32.0-rc.1+k0s.0}: ordered by
 * major.minor.patch, then a release after its pre-releases, then the k0s build number.
 */
public record K0sVersion(int major, int minor, int patch, String preRelease, int build)
    implements Comparable<K0sVersion> {
  private static final Pattern FORMAT =
      Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?(?:\\+k0s\\.(\\d+))?");

  /** Parses a version; throws {@link InvalidInputException} naming the text when it is not one. */
  public static K0sVersion parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new InvalidInputException(
          "'" + text + "' is not a k0s version", "write it like v1.31.2+k0s.0");
    }
    return new K0sVersion(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        m.group(4) == null ? "" : m.group(4),
        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
  }

  /** Finds the first version in free text, e.g. the output of {@code k0s version}. */
  public static K0sVersion find(String text) {
    Matcher m =
        Pattern.compile("v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+k0s\\.\\d+)?")
            .matcher(text == null ? "" : text);
    return m.find() ? parse(m.group()) : null;
  }

  @Override
  public int compareTo(K0sVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Integer.compare(patch, o.patch);
    }
    if (c == 0 && !preRelease.equals(o.preRelease)) {
      if (preRelease.isEmpty()) {
        return 1;
      }
      if (o.preRelease.isEmpty()) {
        return -1;
      }
      c = preRelease.compareTo(o.preRelease);
    }
    return c != 0 ? c : Integer.compare(build, o.build);
  }

  @Override
  public String toString() {
    return "v"
        + major
        + "."
        + minor
        + "."
        + patch
        + (preRelease.isEmpty() ? "" : "-" + preRelease)
        + "+k0s."
        + build;
  }
}

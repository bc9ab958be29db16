package io.clusterfactory.cfctl.k0s.os;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of /etc/os-release cfctl uses.
 *
 * @param id e.g. {@code debian}
 * @param idLike e.g. {@code [rhel, fedora]}
 * @param versionId e.g. {@code 12}
 * @param prettyName for messages
 */
public record OsRelease(String id, List<String> idLike, String versionId, String prettyName) {

  /** Parses os-release text: KEY=value lines, values optionally quoted. */
  public static OsRelease parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (l.isEmpty() || l.startsWith("#") || eq < 1) {
        continue;
      }
      String value = l.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      fields.put(l.substring(0, eq), value);
    }
    String like = fields.getOrDefault("ID_LIKE", "").strip();
    return new OsRelease(
        fields.getOrDefault("ID", "linux").toLowerCase(),
        like.isEmpty() ? List.of() : Arrays.asList(like.toLowerCase().split("\\s+")),
        fields.getOrDefault("VERSION_ID", ""),
        fields.getOrDefault("PRETTY_NAME", fields.getOrDefault("ID", "Linux")));
  }
}

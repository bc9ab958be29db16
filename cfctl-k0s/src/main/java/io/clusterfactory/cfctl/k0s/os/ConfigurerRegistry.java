package io.clusterfactory.cfctl.k0s.os;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OS families cfctl knows, in order; the first family whose IDs contain the host's os-release
 * ID wins, then the first matching an ID_LIKE entry, as k0sctl does.
 */
public final class ConfigurerRegistry {
  private final List<Configurer> configurers;

  public ConfigurerRegistry(List<Configurer> configurers) {
    this.configurers = List.copyOf(configurers);
  }

  public static ConfigurerRegistry standard() {
    return new ConfigurerRegistry(
        List.of(
            new Configurer("debian", Set.of("debian", "ubuntu", "raspbian", "linuxmint", "kali")),
            new Configurer(
                "enterprise-linux",
                Set.of("rhel", "centos", "rocky", "almalinux", "ol", "fedora", "amzn")),
            new Configurer("alpine", Set.of("alpine")),
            new Configurer("suse", Set.of("sles", "opensuse", "opensuse-leap", "suse")),
            new Configurer("arch", Set.of("arch", "archarm", "manjaro")),
            new Configurer("flatcar", Set.of("flatcar"))));
  }

  /**
   * Picks the family for a host.
   *
   * @param override the host's {@code os:} field, or null
   */
  public Configurer pick(String hostName, OsRelease os, String override) {
    if (override != null) {
      return configurers.stream()
          .filter(c -> c.family().equals(override) || c.matches(override))
          .findFirst()
          .orElseThrow(() -> unsupported(hostName, "os: " + override));
    }
    Optional<Configurer> byId = configurers.stream().filter(c -> c.matches(os.id())).findFirst();
    if (byId.isPresent()) {
      return byId.get();
    }
    for (String like : os.idLike()) {
      Optional<Configurer> byLike = configurers.stream().filter(c -> c.matches(like)).findFirst();
      if (byLike.isPresent()) {
        return byLike.get();
      }
    }
    throw unsupported(hostName, os.prettyName() + " (ID=" + os.id() + ")");
  }

  private InvalidInputException unsupported(String hostName, String what) {
    return new InvalidInputException(
        hostName + ": unsupported operating system " + what,
        "supported families: "
            + configurers.stream().map(Configurer::family).collect(Collectors.joining(", "))
            + "; set the host's os: field to one of them if it is compatible");
  }
}

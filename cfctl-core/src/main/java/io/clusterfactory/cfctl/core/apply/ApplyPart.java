package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** The parts of {@code apply} and {@code diff} that {@code --only} selects. */
public enum ApplyPart {
  /** k0s on the hosts over SSH. */
  HOSTS,
  /** render, seal, commit and push the GitOps tree. */
  GITOPS,
  /** bootstrap and the stacks on the cluster, with waits. */
  STACKS;

  public static EnumSet<ApplyPart> parse(List<String> only) {
    if (only == null || only.isEmpty()) {
      return EnumSet.allOf(ApplyPart.class);
    }
    EnumSet<ApplyPart> parts = EnumSet.noneOf(ApplyPart.class);
    for (String o : only) {
      for (String p : o.split(",")) {
        try {
          parts.add(valueOf(p.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(
              "--only " + p + " is not a part", "use hosts, gitops or stacks (repeatable)");
        }
      }
    }
    return parts;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

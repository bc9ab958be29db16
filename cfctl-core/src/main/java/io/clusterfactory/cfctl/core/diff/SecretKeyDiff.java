package io.clusterfactory.cfctl.core.diff;

import java.util.Objects;

/**
 * One key of a Secret ({@code data}/{@code stringData}) or SealedSecret ({@code
 * spec.encryptedData}): only whether it changed, never its value.
 *
 * @param key the key name, e.g. {@code password}
 * @param change added, removed, changed or unchanged
 */
public record SecretKeyDiff(String key, KeyChange change) implements Comparable<SecretKeyDiff> {
  public SecretKeyDiff {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(change, "change");
  }

  @Override
  public int compareTo(SecretKeyDiff o) {
    return key.compareTo(o.key);
  }
}

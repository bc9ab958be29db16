package io.clusterfactory.cfctl.core.gitops;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files under the owned folder at one commit.
 *
 * @param commitId the commit read, empty when the branch does not exist yet
 * @param files file contents by path relative to the owned folder
 */
public record TreeSnapshot(String commitId, SortedMap<String, byte[]> files) {
  public TreeSnapshot {
    commitId = commitId == null ? "" : commitId;
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  public static TreeSnapshot empty() {
    return new TreeSnapshot("", new TreeMap<>());
  }
}

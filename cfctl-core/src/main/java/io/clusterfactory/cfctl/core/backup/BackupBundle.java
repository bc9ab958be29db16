package io.clusterfactory.cfctl.core.backup;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a backup run collects before it writes the archive: the entries (name to bytes) the phases
 * add, and the facts the manifest records. Phases on several threads may add to it.
 */
public final class BackupBundle {
  /** The k0s archive's name inside a cfctl backup. */
  public static final String K0S_ENTRY = "k0s/k0s_backup.tar.gz";

  /** The sealed-secrets controller's key Secrets, one List document. */
  public static final String SEALING_KEYS_ENTRY = "sealed-secrets/keys.yaml";

  private final BackupRequest request;
  private final SortedMap<String, byte[]> entries = new TreeMap<>();
  private volatile String k0sVersion;
  private volatile String leader;
  private volatile String treeCommit;
  private volatile java.nio.file.Path written;
  private final java.util.List<java.nio.file.Path> deleted =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  public BackupBundle(BackupRequest request) {
    this.request = request;
  }

  public BackupRequest request() {
    return request;
  }

  public synchronized void add(String name, byte[] content) {
    if (name.equals(BackupArchive.MANIFEST) || name.startsWith("/") || name.contains("..")) {
      throw new IllegalArgumentException("not an entry name: " + name);
    }
    entries.put(name, content.clone());
  }

  public synchronized SortedMap<String, byte[]> entries() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  public String k0sVersion() {
    return k0sVersion;
  }

  public void k0sVersion(String value) {
    this.k0sVersion = value;
  }

  public String leader() {
    return leader;
  }

  public void leader(String value) {
    this.leader = value;
  }

  public String treeCommit() {
    return treeCommit;
  }

  public void treeCommit(String value) {
    this.treeCommit = value;
  }

  /** The archive this run wrote (or, in a dry run, would write). */
  public java.nio.file.Path written() {
    return written;
  }

  public void written(java.nio.file.Path value) {
    this.written = value;
  }

  /** Older backups {@code --keep} deleted (or would delete). */
  public java.util.List<java.nio.file.Path> deleted() {
    return java.util.List.copyOf(deleted);
  }

  public void deleted(java.nio.file.Path value) {
    deleted.add(value);
  }
}

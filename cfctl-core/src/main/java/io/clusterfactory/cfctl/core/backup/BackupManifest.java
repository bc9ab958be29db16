package io.clusterfactory.cfctl.core.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code manifest.json}, the first entry of every cfctl backup: what the archive holds and where it
 * comes from. Every other entry is listed with its size and sha256, so a restore refuses an archive
 * that lost, gained or changed an entry, naming it.
 *
 * @param format {@link #FORMAT}
 * @param cluster metadata.name of the cluster backed up
 * @param created when the backup was taken (UTC, ISO-8601)
 * @param cfctlVersion the cfctl that wrote it
 * @param k0sVersion the k0s the leader ran
 * @param leader the controller k0s backup ran on
 * @param treeCommit the Git commit of the published tree when the backup was taken, or null
 * @param clusterYamlSha256 sha256 of cluster.yaml's text
 * @param entries every other entry, sorted by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupManifest(
    String format,
    String cluster,
    String created,
    String cfctlVersion,
    String k0sVersion,
    String leader,
    String treeCommit,
    String clusterYamlSha256,
    List<Entry> entries) {
  public static final String FORMAT = "cfctl-backup/v1";

  /** One archive entry: its path in the archive, size in bytes and lowercase hex sha256. */
  public record Entry(String name, long size, String sha256) {}
}

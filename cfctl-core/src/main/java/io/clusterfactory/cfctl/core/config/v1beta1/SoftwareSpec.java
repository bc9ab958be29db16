package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The software stack. A component is deployed when its block is present and its {@code enabled} is
 * not false. Storage classes of the components default to {@code storage.defaultClass}.
 */
public record SoftwareSpec(
    @JsonPropertyDescription("Storage drivers and StorageClasses (NFS CSI, local-path)")
        StorageSpec storage,
    @JsonPropertyDescription("MariaDB, the accounting database of slurmdbd") MariadbSpec mariadb,
    @JsonPropertyDescription("389 Directory Server: users and groups of the cluster") LdapSpec ldap,
    @JsonPropertyDescription("Registers the users of the external job source into 389ds")
        LdapConnectorSpec ldapConnector,
    @JsonPropertyDescription("SLURM controller, slurmdbd and login") SlurmSpec slurm,
    @JsonPropertyDescription("Provider supervisor: bridges the external job source to SLURM")
        SupervisorSpec supervisor,
    @JsonPropertyDescription("CVMFS Stratum 1 replica for the compute nodes") CvmfsSpec cvmfs) {

  public record StorageSpec(
      @JsonPropertyDescription(
              "Name of the StorageClass marked default; must be one of the classes below")
          String defaultClass,
      @JsonPropertyDescription("NFS CSI driver and its classes") NfsSpec nfs,
      @JsonPropertyDescription("local-path provisioner and its class") LocalPathSpec localPath) {}

  public record NfsSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("One StorageClass per NFS export") List<NfsClass> classes,
      @JsonPropertyDescription(ChartCustomizable.VALUES_DOC) java.util.Map<String, Object> values,
      @JsonPropertyDescription(ChartCustomizable.VALUES_FILES_DOC)
          java.util.List<String> valuesFiles,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements ChartCustomizable {}

  public record NfsClass(
      @JsonPropertyDescription("StorageClass name") String name,
      @JsonPropertyDescription("NFS server address") String server,
      @JsonPropertyDescription("Exported path, e.g. /srv/nfs/k8s") String share,
      @JsonPropertyDescription("Mount options (default [nfsvers=4.1, hard])")
          List<String> mountOptions,
      @JsonPropertyDescription("Delete (default) | Retain") String reclaimPolicy) {}

  public record LocalPathSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("StorageClass name (default local-path)") String className,
      @JsonPropertyDescription("Folder on each node (default /opt/local-path-provisioner)")
          String path,
      @JsonPropertyDescription(ChartCustomizable.VALUES_DOC) java.util.Map<String, Object> values,
      @JsonPropertyDescription(ChartCustomizable.VALUES_FILES_DOC)
          java.util.List<String> valuesFiles,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements ChartCustomizable {}

  /** A volume of a stateful component. */
  public record VolumeSpec(
      @JsonPropertyDescription("StorageClass (default storage.defaultClass)") String storageClass,
      @JsonPropertyDescription("Size, a Kubernetes quantity") String size) {}

  public record MariadbSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("Data volume (default 10Gi)") VolumeSpec volume,
      @JsonPropertyDescription("Root password (default: generated)") SecretSource rootPassword,
      @JsonPropertyDescription(
              "Password of the slurm database user, shared with slurmdbd (default: generated)")
          SecretSource slurmPassword,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements Customizable {}

  public record LdapSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("Suffix (default derived from the domain: dc=example,dc=com)")
          String suffix,
      @JsonPropertyDescription("Host of the directory (default ldap.<domain>)") String host,
      @JsonPropertyDescription("Directory Manager password (default: generated)")
          SecretSource adminPassword,
      @JsonPropertyDescription("Group every registered user joins (default cluster-users)")
          String usersGroup,
      @JsonPropertyDescription("Data volume (default 5Gi)") VolumeSpec volume,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements Customizable {}

  public record LdapConnectorSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("WebSocket endpoint of the job source, e.g. wss://...")
          String endpoint,
      @JsonPropertyDescription("Address of the job manager contract the users come from")
          String contract,
      @JsonPropertyDescription("Login shell of registered users (default /bin/bash)") String shell,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements Customizable {}

  public record SlurmSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("SLURM ClusterName (default metadata.name)") String clusterName,
      @JsonPropertyDescription(
              "Address of slurmctld on a Multus attachment, which the compute nodes reach it at;"
                  + " its subnet selects the attachment (e.g. 192.168.0.5)")
          String controllerAddress,
      @JsonPropertyDescription("slurmctld state volume (default 5Gi)") VolumeSpec controllerVolume,
      @JsonPropertyDescription("The login node users and the supervisor reach over SSH")
          SlurmLoginSpec login,
      @JsonPropertyDescription(
              "Partitions; a partition without nodes takes the inventory groups that list it")
          List<Partition> partitions,
      @JsonPropertyDescription("MUNGE key shared with the compute nodes (default: generated)")
          SecretSource mungeKey,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements Customizable {}

  public record SlurmLoginSpec(
      @JsonPropertyDescription(
              "LoadBalancer IP of the login (SSH); default: the next free address of the first"
                  + " MetalLB pool")
          String address,
      @JsonPropertyDescription("Host of the login (default login.<domain>)") String host,
      @JsonPropertyDescription("Replicas (default 1)") Integer replicas) {}

  public record Partition(
      @JsonPropertyDescription("Partition name") String name,
      @JsonPropertyDescription(
              "Nodeset of inventory nodes, e.g. cn[001-016]; default: the groups listing the"
                  + " partition")
          String nodes,
      @JsonPropertyDescription("Default=YES (default: the first partition)")
          @com.fasterxml.jackson.annotation.JsonProperty("default")
          Boolean isDefault,
      @JsonPropertyDescription("MaxTime, e.g. INFINITE or 2-00:00:00 (default INFINITE)")
          String maxTime) {}

  public record SupervisorSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("gRPC endpoint of the job source (meta-scheduler)") String endpoint,
      @JsonPropertyDescription("Address of the meta-scheduler contract") String contract,
      @JsonPropertyDescription("Private key of the provider's wallet") SecretSource walletKey,
      @JsonPropertyDescription("SSH private key the supervisor logs into the SLURM login with")
          SecretSource sshKey,
      @JsonPropertyDescription("Public half of sshKey, authorised on the login")
          String sshPublicKey,
      @JsonPropertyDescription("SLURM user the supervisor submits as (default slurm)") String user,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements Customizable {}

  public record CvmfsSpec(
      @JsonPropertyDescription("Deploy this component (default true when the block is present)")
          Boolean enabled,
      @JsonPropertyDescription("Host the compute nodes fetch from (default cvmfs.<domain>)")
          String host,
      @JsonPropertyDescription("Repositories replicated from their Stratum 0")
          List<CvmfsRepository> repositories,
      @JsonPropertyDescription("Replica volume (default 50Gi)") VolumeSpec volume,
      @JsonPropertyDescription("Time between two snapshots of the replicas (default 15m)")
          Duration snapshotInterval,
      @JsonPropertyDescription(Customizable.PATCHES_DOC) java.util.List<Patch> patches)
      implements Customizable {}

  public record CvmfsRepository(
      @JsonPropertyDescription("Repository name, e.g. software.sion.csquare.run") String name,
      @JsonPropertyDescription("Stratum 0 URL, e.g. https://cvmfs-0.example.org/cvmfs/<name>")
          String url,
      @JsonPropertyDescription("Public key of the repository (PEM)") String publicKey) {}
}

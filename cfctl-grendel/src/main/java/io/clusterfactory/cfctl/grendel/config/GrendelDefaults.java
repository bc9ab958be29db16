package io.clusterfactory.cfctl.grendel.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every default of the {@code provisioning.grendel} block, applied in one place. */
public final class GrendelDefaults {
  /** ClusterFactory deploys the SquareFactory fork, which speaks the legacy API. */
  public static final ApiGeneration API_GENERATION = ApiGeneration.LEGACY;

  public static final String STORAGE_SIZE = "20Gi";
  public static final boolean PROVISION = true;
  public static final boolean VERIFY_IMAGES = false;
  public static final String BMC_NAME_SUFFIX = "-bmc";

  /** TCP connect timeout of API calls. */
  public static final Duration API_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Timeout of one API request, including a large batched upsert. */
  public static final Duration API_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** Attempts per API request when the server is unreachable or answers 502/503/504. */
  public static final int API_ATTEMPTS = 3;

  public static final Duration API_RETRY_BACKOFF = Duration.ofMillis(500);

  /** Nodes or images per upsert/delete request during sync. */
  public static final int SYNC_BATCH_SIZE = 500;

  private GrendelDefaults() {}

  /** A copy of {@code spec} with every unset field that has a default filled in. */
  public static GrendelSpec apply(GrendelSpec spec) {
    List<NodeGroupSpec> groups = new ArrayList<>();
    for (NodeGroupSpec group : orEmpty(spec.groups())) {
      groups.add(apply(group));
    }
    List<BootImageSpec> images = new ArrayList<>();
    for (BootImageSpec image : orEmpty(spec.images())) {
      images.add(apply(image));
    }
    GrendelStorageSpec storage =
        spec.storage() == null
            ? new GrendelStorageSpec(STORAGE_SIZE, null)
            : new GrendelStorageSpec(
                spec.storage().size() == null ? STORAGE_SIZE : spec.storage().size(),
                spec.storage().storageClass());
    return new GrendelSpec(
        spec.nodeName(),
        spec.networkInterface(),
        spec.address(),
        spec.subnet(),
        spec.bmcSubnet(),
        spec.gateway(),
        orEmpty(spec.dnsServers()),
        spec.domain(),
        spec.apiGeneration() == null ? API_GENERATION : spec.apiGeneration(),
        spec.api(),
        storage,
        images,
        groups,
        spec.inventory(),
        spec.defaultPartition());
  }

  static NodeGroupSpec apply(NodeGroupSpec group) {
    return new NodeGroupSpec(
        group.name(),
        group.nodes(),
        group.image(),
        group.firmware(),
        orEmpty(group.tags()),
        group.ipStart(),
        copy(group.ips()),
        group.bmcStart(),
        copy(group.bmcIps()),
        group.bmc(),
        group.provision() == null ? PROVISION : group.provision(),
        group.slurm() == null ? null : apply(group.slurm()),
        orEmpty(group.partitions()));
  }

  static SlurmNodeSpec apply(SlurmNodeSpec slurm) {
    return new SlurmNodeSpec(
        slurm.cpus(),
        slurm.sockets(),
        slurm.coresPerSocket(),
        slurm.threadsPerCore(),
        slurm.realMemory(),
        orEmpty(slurm.gres()),
        orEmpty(slurm.features()));
  }

  static BootImageSpec apply(BootImageSpec image) {
    return new BootImageSpec(
        image.name(),
        image.kernel(),
        orEmpty(image.initrds()),
        image.liveImage(),
        image.cmdline() == null ? "" : image.cmdline(),
        image.verify() == null ? VERIFY_IMAGES : image.verify(),
        image.butane(),
        image.cloudInit(),
        image.kickstart());
  }

  // tolerant copies: a null element is a validation finding later, not a crash here
  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  private static Map<String, String> copy(Map<String, String> map) {
    return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}

package io.clusterfactory.cfctl.core.backup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A data service of the software stack whose content a backup can also carry ({@code cfctl backup
 * --include}): k0s's backup holds the cluster's objects, not the data in the services' volumes.
 * Each dump runs inside the service's own pod (the API's exec), with the credentials the pod
 * already has in its environment, so no password leaves the cluster or appears in a request.
 */
public enum DataService {
  /**
   * MariaDB, slurmdbd's accounting database: {@code mariadb-dump} of every database in one
   * consistent transaction. A complete dump ends with mariadb-dump's "Dump completed" comment; a
   * dump cut short does not.
   */
  MARIADB(
      "mariadb",
      "mariadb",
      "app.kubernetes.io/name=mariadb",
      "mariadb",
      "data/mariadb.sql",
      "mariadb-dump --all-databases --single-transaction --routines --events",
      "MYSQL_PWD=\"$MARIADB_ROOT_PASSWORD\" exec mariadb-dump --all-databases"
          + " --single-transaction --routines --events --user=root",
      "-- Dump completed"),
  /**
   * 389 Directory Server: the {@code userroot} backend exported to LDIF by the server's own export
   * task (db2ldif's online form, {@code dsconf backend export}), written inside the pod, read back
   * and removed.
   */
  LDAP(
      "ldap",
      "ldap",
      "app.kubernetes.io/name=dirsrv",
      "dirsrv",
      "data/ldap.ldif",
      "dsconf backend export userroot (db2ldif online)",
      "f=/data/ldif/cfctl-backup-$$.ldif; mkdir -p /data/ldif"
          + " && dsconf -D 'cn=Directory Manager' -w \"$DS_DM_PASSWORD\" ldap://localhost:3389"
          + " backend export -l \"$f\" userroot >/dev/null && cat \"$f\"; rc=$?; rm -f \"$f\";"
          + " exit $rc",
      "dn: ");

  private final String key;
  private final String namespace;
  private final String selector;
  private final String container;
  private final String entry;
  private final String summary;
  private final String script;
  private final String completeMarker;

  DataService(
      String key,
      String namespace,
      String selector,
      String container,
      String entry,
      String summary,
      String script,
      String completeMarker) {
    this.key = key;
    this.namespace = namespace;
    this.selector = selector;
    this.container = container;
    this.entry = entry;
    this.summary = summary;
    this.script = script;
    this.completeMarker = completeMarker;
  }

  /** The name {@code --include} takes, and the key under {@code spec.software}. */
  public String key() {
    return key;
  }

  /** The namespace cfctl's software stack deploys the service into. */
  public String namespace() {
    return namespace;
  }

  /** The label selector of the service's pods, {@code name=value}. */
  public String selector() {
    return selector;
  }

  public String container() {
    return container;
  }

  /** The archive entry the dump goes to. */
  public String entry() {
    return entry;
  }

  /** What runs, for plans and messages (never a credential). */
  public String summary() {
    return summary;
  }

  /** The shell script run in the container ({@code sh -c}); it prints the dump on stdout. */
  public String script() {
    return script;
  }

  /** Text a complete dump contains; a dump without it was cut short. */
  public String completeMarker() {
    return completeMarker;
  }

  /** The service {@code --include} names, if any. */
  public static Optional<DataService> named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.key.equals(wanted)).findFirst();
  }

  /**
   * The services {@code --include} names, in order, without repeats; a name that is not one, or a
   * service {@code cluster} does not deploy, is bad input (exit 2, before anything is fetched).
   */
  public static List<DataService> parse(
      List<String> names, io.clusterfactory.cfctl.core.config.v1beta1.Cluster cluster) {
    java.util.LinkedHashSet<DataService> chosen = new java.util.LinkedHashSet<>();
    for (String name : names == null ? List.<String>of() : names) {
      if (name.isBlank()) {
        continue;
      }
      DataService service =
          named(name)
              .orElseThrow(
                  () ->
                      new io.clusterfactory.cfctl.core.error.InvalidInputException(
                          "--include " + name.trim() + ": not a data service cfctl can dump",
                          "give one or more of " + String.join(", ", keys())));
      if (!service.deployedBy(cluster)) {
        throw new io.clusterfactory.cfctl.core.error.InvalidInputException(
            "--include "
                + service.key
                + ": spec.software."
                + service.key
                + " is not enabled in this cluster, so there is nothing to dump",
            "enable it in cluster.yaml, or leave " + service.key + " out of --include");
      }
      chosen.add(service);
    }
    return List.copyOf(chosen);
  }

  private boolean deployedBy(io.clusterfactory.cfctl.core.config.v1beta1.Cluster cluster) {
    var software = cluster.spec() == null ? null : cluster.spec().software();
    if (software == null) {
      return false;
    }
    return switch (this) {
      case MARIADB ->
          software.mariadb() != null && !Boolean.FALSE.equals(software.mariadb().enabled());
      case LDAP -> software.ldap() != null && !Boolean.FALSE.equals(software.ldap().enabled());
    };
  }

  /** Every name {@code --include} takes. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(DataService::key).toList();
  }
}

package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.StackNetworks;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.ProvisioningSpec;
import io.clusterfactory.cfctl.core.config.v1beta1.SoftwareSpec;
import io.clusterfactory.cfctl.grendel.inventory.ResolvedInventory;

/**
 * Values derived from the cluster that several stacks use, computed in one place: which components
 * are on, the domain, the Traefik and DNS addresses, the certificate issuer of ingress hosts.
 */
final class Facts {
  static final String CA_ISSUER = "cfctl-ca";
  static final String ACME_ISSUER = "cfctl-acme";
  static final String SELF_SIGNED_ISSUER = "cfctl-selfsigned";

  final Cluster cluster;
  final RenderContext ctx;
  final NetworkSpec net;
  final GitopsSpec gitops;
  final ProvisioningSpec prov;
  final SoftwareSpec sw;

  Facts(Cluster cluster, RenderContext ctx) {
    this.cluster = cluster;
    this.ctx = ctx;
    this.net = cluster.spec().network();
    this.gitops = cluster.spec().gitops();
    this.prov = cluster.spec().provisioning();
    this.sw = cluster.spec().software();
  }

  String domain() {
    return net == null ? null : net.domain();
  }

  ResolvedInventory inventory() {
    return ctx.inventory();
  }

  boolean coredns() {
    return net != null && net.coredns() != null && net.coredns().enabled();
  }

  boolean metallb() {
    return net != null && net.metallb() != null && net.metallb().enabled();
  }

  boolean traefik() {
    return net != null && net.traefik() != null && net.traefik().enabled();
  }

  boolean multus() {
    return net != null && net.multus() != null && net.multus().enabled();
  }

  boolean argocd() {
    return gitops != null && gitops.argocd() != null && gitops.argocd().enabled();
  }

  boolean certManager() {
    return gitops != null && gitops.certManager() != null && gitops.certManager().enabled();
  }

  boolean sealedSecrets() {
    return gitops != null && gitops.sealedSecrets() != null && gitops.sealedSecrets().enabled();
  }

  boolean grendel() {
    return prov != null && prov.enabled() && prov.grendel() != null;
  }

  boolean nfs() {
    return sw != null
        && sw.storage() != null
        && sw.storage().nfs() != null
        && sw.storage().nfs().enabled();
  }

  boolean localPath() {
    return sw != null
        && sw.storage() != null
        && sw.storage().localPath() != null
        && sw.storage().localPath().enabled();
  }

  boolean mariadb() {
    return sw != null && sw.mariadb() != null && sw.mariadb().enabled();
  }

  boolean ldap() {
    return sw != null && sw.ldap() != null && sw.ldap().enabled();
  }

  boolean ldapConnector() {
    return sw != null && sw.ldapConnector() != null && sw.ldapConnector().enabled();
  }

  boolean slurm() {
    return sw != null && sw.slurm() != null && sw.slurm().enabled();
  }

  boolean supervisor() {
    return sw != null && sw.supervisor() != null && sw.supervisor().enabled();
  }

  boolean cvmfs() {
    return sw != null && sw.cvmfs() != null && sw.cvmfs().enabled();
  }

  String traefikAddress() {
    return traefik() ? net.traefik().address() : null;
  }

  boolean dnsThroughTraefik() {
    return coredns() && net.coredns().expose() == NetworkSpec.DnsExpose.TRAEFIK;
  }

  /** The address DNS clients use: CoreDNS's LoadBalancer IP or Traefik's. */
  String dnsAddress() {
    if (!coredns()) {
      return null;
    }
    return dnsThroughTraefik() ? traefikAddress() : net.coredns().address();
  }

  /** LDAP is published through Traefik's ldap/ldaps entrypoints. */
  boolean ldapThroughTraefik() {
    return ldap() && traefik();
  }

  /** The ClusterIssuer of ingress certificates, or null without cert-manager. */
  String ingressIssuer() {
    if (!certManager()) {
      return null;
    }
    return gitops.certManager().issuer() == GitopsSpec.IssuerKind.ACME ? ACME_ISSUER : CA_ISSUER;
  }

  /** The Grendel address without prefix. */
  String grendelIp() {
    return grendel() ? StackNetworks.hostPart(prov.grendel().address()).toCanonicalString() : null;
  }

  NetworkSpec.Attachment attachmentOf(String address) {
    return StackNetworks.attachmentOf(net.multus(), StackNetworks.hostPart(address));
  }

  /** Prefix length of an attachment's subnet. */
  static int prefixOf(NetworkSpec.Attachment a) {
    return StackNetworks.subnet(a.subnet()).getNetworkPrefixLength();
  }

  /** {@code <svc>.<ns>.svc.cluster.local}. */
  static String serviceHost(String service, String namespace) {
    return service + "." + namespace + ".svc.cluster.local";
  }
}

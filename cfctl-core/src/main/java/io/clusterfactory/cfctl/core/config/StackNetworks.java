package io.clusterfactory.cfctl.core.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.config.v1beta1.NetworkSpec;
import io.clusterfactory.cfctl.grendel.config.GrendelSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * IP math shared by the stack defaults, the checks and rendering (pools, subnets, host addresses,
 * attachments); facts, not checks, so rendering may use them.
 */
public final class StackNetworks {
  private StackNetworks() {}

  /** An IP address (no prefix), or null when {@code text} is not one. */
  public static IPAddress address(String text) {
    if (text == null) {
      return null;
    }
    IPAddressString s = new IPAddressString(text.trim());
    if (!s.isIPAddress() || s.isPrefixed()) {
      return null;
    }
    return s.getAddress();
  }

  /** A subnet in CIDR form (the prefix block), or null when {@code cidr} is not one. */
  public static IPAddress subnet(String cidr) {
    if (cidr == null) {
      return null;
    }
    IPAddressString s = new IPAddressString(cidr.trim());
    if (!s.isIPAddress() || !s.isPrefixed()) {
      return null;
    }
    return s.getAddress().toPrefixBlock();
  }

  /** The address part of {@code 192.168.0.3/24} (or of a bare address), or null. */
  public static IPAddress hostPart(String text) {
    if (text == null) {
      return null;
    }
    IPAddressString s = new IPAddressString(text.trim());
    if (!s.isIPAddress()) {
      return null;
    }
    return s.getAddress().withoutPrefixLength();
  }

  /** One entry of a MetalLB pool: {@code 10.0.0.64/28} or {@code 10.0.0.100-10.0.0.120}. */
  public static IPAddressSeqRange poolRange(String entry) {
    if (entry == null) {
      return null;
    }
    String t = entry.trim();
    int dash = t.indexOf('-');
    if (dash > 0) {
      IPAddress lower = address(t.substring(0, dash));
      IPAddress upper = address(t.substring(dash + 1));
      if (lower == null || upper == null || lower.getIPVersion() != upper.getIPVersion()) {
        return null;
      }
      if (lower.compareTo(upper) > 0) {
        return null;
      }
      return lower.spanWithRange(upper);
    }
    IPAddress block = subnet(t);
    return block == null ? null : block.toSequentialRange();
  }

  /** Every address of the hosts (SSH and private addresses). */
  public static Set<IPAddress> hostAddresses(Cluster cluster) {
    Set<IPAddress> result = new LinkedHashSet<>();
    if (cluster.spec().hosts() == null) {
      return result;
    }
    for (Host h : cluster.spec().hosts()) {
      if (h == null) {
        continue;
      }
      if (h.ssh() != null) {
        add(result, address(h.ssh().address()));
      }
      add(result, address(h.privateAddress()));
    }
    return result;
  }

  /** The valid ranges of every pool, in file order. */
  public static List<IPAddressSeqRange> poolRanges(NetworkSpec.MetallbSpec metallb) {
    List<IPAddressSeqRange> ranges = new ArrayList<>();
    if (metallb == null || metallb.pools() == null) {
      return ranges;
    }
    for (NetworkSpec.Pool pool : metallb.pools()) {
      if (pool == null || pool.addresses() == null) {
        continue;
      }
      for (String entry : pool.addresses()) {
        IPAddressSeqRange r = poolRange(entry);
        if (r != null) {
          ranges.add(r);
        }
      }
    }
    return ranges;
  }

  private static void add(Set<IPAddress> set, IPAddress a) {
    if (a != null) {
      set.add(a);
    }
  }

  /** MetalLB pools: node addresses must stay out of them. */
  public static List<String> reservedRanges(NetworkSpec net) {
    List<String> reserved = new ArrayList<>();
    if (net == null || net.metallb() == null || !net.metallb().enabled()) {
      return reserved;
    }
    for (NetworkSpec.Pool p : net.metallb().pools()) {
      if (p == null) {
        continue;
      }
      for (String e : p.addresses()) {
        IPAddressSeqRange r = StackNetworks.poolRange(e);
        if (r != null && r.getLower().isIPv4()) {
          reserved.add(r.getLower().toCanonicalString() + "-" + r.getUpper().toCanonicalString());
        }
      }
    }
    return reserved;
  }

  /** The attachment Grendel sits on: the first whose subnet contains the Grendel address. */
  public static NetworkSpec.Attachment grendelAttachment(
      NetworkSpec.MultusSpec multus, GrendelSpec g) {
    IPAddress address = StackNetworks.hostPart(g.address());
    if (address == null || multus == null) {
      return null;
    }
    return attachmentOf(multus, address);
  }

  /** The first attachment whose subnet contains {@code address}, or null. */
  public static NetworkSpec.Attachment attachmentOf(
      NetworkSpec.MultusSpec multus, IPAddress address) {
    for (NetworkSpec.Attachment a : multus.attachments()) {
      if (a == null) {
        continue;
      }
      IPAddress subnet = StackNetworks.subnet(a.subnet());
      if (subnet != null && subnet.contains(address)) {
        return a;
      }
    }
    return null;
  }
}

package io.clusterfactory.cfctl.grendel.inventory;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;

/** IPv4 parsing through the ipaddress library; arithmetic on unsigned 32-bit values in longs. */
final class Ipv4 {
  private Ipv4() {}

  /** A network: first and last address (network and broadcast) and prefix length. */
  record Network(long first, long last, int prefixLength) {
    boolean contains(long address) {
      return address >= first && address <= last;
    }

    /** The addresses a host may use: all but network and broadcast, except for /31 and /32. */
    long firstUsable() {
      return prefixLength >= 31 ? first : first + 1;
    }

    long lastUsable() {
      return prefixLength >= 31 ? last : last - 1;
    }

    @Override
    public String toString() {
      return format(first) + "/" + prefixLength;
    }
  }

  /** An inclusive range of addresses (a MetalLB pool, a CIDR or one address). */
  record Range(long first, long last, String text) {
    boolean contains(long address) {
      return address >= first && address <= last;
    }
  }

  /** A plain IPv4 address, or -1 when {@code text} is not one (prefixes are refused). */
  static long address(String text) {
    if (text == null) {
      return -1;
    }
    IPAddress address = new IPAddressString(text.trim()).getAddress();
    if (address == null || !address.isIPv4() || address.isPrefixed()) {
      return -1;
    }
    return address.toIPv4().longValue();
  }

  /** An address in CIDR form such as 192.168.0.3/24: {address, prefix}, or null. */
  static long[] addressWithPrefix(String text) {
    if (text == null) {
      return null;
    }
    IPAddress address = new IPAddressString(text.trim()).getAddress();
    if (address == null || !address.isIPv4() || !address.isPrefixed()) {
      return null;
    }
    return new long[] {
      address.withoutPrefixLength().toIPv4().longValue(), address.getNetworkPrefixLength()
    };
  }

  /** The network containing {@code address} with the given prefix length. */
  static Network network(long address, int prefixLength) {
    long size = 1L << (32 - prefixLength);
    long first = address & ~(size - 1) & 0xFFFFFFFFL;
    return new Network(first, first + size - 1, prefixLength);
  }

  /** A network written as CIDR whose host bits are zero, or null. */
  static Network strictNetwork(String text) {
    long[] parsed = addressWithPrefix(text);
    if (parsed == null) {
      return null;
    }
    Network network = network(parsed[0], (int) parsed[1]);
    return network.first() == parsed[0] ? network : null;
  }

  /** {@code a.b.c.d/len}, {@code a.b.c.d-e.f.g.h} or one address; null when none of these. */
  static Range range(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    int dash = trimmed.indexOf('-');
    if (dash > 0) {
      long first = address(trimmed.substring(0, dash));
      long last = address(trimmed.substring(dash + 1));
      if (first < 0 || last < 0 || first > last) {
        return null;
      }
      return new Range(first, last, trimmed);
    }
    long single = address(trimmed);
    if (single >= 0) {
      return new Range(single, single, trimmed);
    }
    IPAddress block = new IPAddressString(trimmed).getAddress();
    if (block == null || !block.isIPv4()) {
      return null;
    }
    IPAddressSeqRange span = block.toPrefixBlock().toSequentialRange();
    return new Range(
        span.getLower().toIPv4().longValue(), span.getUpper().toIPv4().longValue(), trimmed);
  }

  static String format(long address) {
    return ((address >> 24) & 0xFF)
        + "."
        + ((address >> 16) & 0xFF)
        + "."
        + ((address >> 8) & 0xFF)
        + "."
        + (address & 0xFF);
  }
}

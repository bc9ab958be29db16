package io.clusterfactory.cfctl.grendel.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the MAC inventory CSV: {@code name,mac[,bmc_mac]} per line, optional header line starting
 * with {@code name}, blank lines and {@code #} comments ignored. MACs are normalised to lower case
 * with colons.
 */
final class InventoryCsv {
  record Row(String name, String mac, String bmcMac, int line) {}

  private InventoryCsv() {}

  /** Rows by node name, in file order; problems are added to {@code findings}. */
  static Map<String, Row> read(Path file, String displayName, List<Finding> findings) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      findings.add(
          Finding.error(
              "inventory",
              "cannot read " + file + ": " + e.getMessage(),
              "the path is relative to the folder of cluster.yaml"));
      return Map.of();
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    Map<String, Row> byMac = new HashMap<>();
    boolean first = true;
    for (int i = 0; i < lines.size(); i++) {
      int lineNumber = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (first && fields[0].strip().equalsIgnoreCase("name")) {
        first = false;
        continue;
      }
      first = false;
      String where = displayName + ":" + lineNumber + ": ";
      if (fields.length < 2 || fields.length > 3) {
        findings.add(
            Finding.error(
                "inventory",
                where + "expected name,mac[,bmc_mac] but found " + fields.length + " fields",
                "one node per line, e.g. cn001,aa:bb:cc:dd:ee:01"));
        continue;
      }
      String name = fields[0].strip();
      String mac = normaliseMac(fields[1].strip());
      String bmcField = fields.length == 3 ? fields[2].strip() : "";
      String bmcMac = bmcField.isEmpty() ? null : normaliseMac(bmcField);
      boolean valid = true;
      if (!Names.isValid(name)) {
        findings.add(Finding.error("inventory", where + Names.problem(name), Names.HINT));
        valid = false;
      }
      if (mac == null) {
        findings.add(
            Finding.error(
                "inventory",
                where + "\"" + fields[1].strip() + "\" is not a MAC address",
                "write six hex pairs, e.g. aa:bb:cc:dd:ee:01"));
        valid = false;
      }
      if (!bmcField.isEmpty() && bmcMac == null) {
        findings.add(
            Finding.error(
                "inventory",
                where + "\"" + bmcField + "\" is not a BMC MAC address",
                "write six hex pairs, or leave the third column empty"));
        valid = false;
      }
      if (!valid) {
        continue;
      }
      Row previous = rows.get(name);
      if (previous != null) {
        findings.add(
            Finding.error(
                "inventory",
                where + "node " + name + " is already listed on line " + previous.line(),
                "keep one line per node"));
        continue;
      }
      Row row = new Row(name, mac, bmcMac, lineNumber);
      if (!checkUniqueMac(mac, row, byMac, where, findings)
          || (bmcMac != null && !checkUniqueMac(bmcMac, row, byMac, where, findings))) {
        continue;
      }
      rows.put(name, row);
    }
    return rows;
  }

  private static boolean checkUniqueMac(
      String mac, Row row, Map<String, Row> byMac, String where, List<Finding> findings) {
    Row owner = byMac.get(mac);
    if (owner == row) {
      findings.add(
          Finding.error(
              "inventory",
              where + "node " + row.name() + " uses MAC " + mac + " for both NIC and BMC",
              "the BMC has its own MAC"));
      return false;
    }
    if (owner != null) {
      findings.add(
          Finding.error(
              "inventory",
              where
                  + "MAC "
                  + mac
                  + " is already used by "
                  + owner.name()
                  + " on line "
                  + owner.line(),
              "Grendel's DHCP finds nodes by MAC, so every MAC must be unique"));
      return false;
    }
    byMac.put(mac, row);
    return true;
  }

  /** {@code aa:bb:cc:dd:ee:ff} or {@code aa-bb-...} (one separator throughout), else null. */
  static String normaliseMac(String text) {
    if (text.length() != 17) {
      return null;
    }
    char separator = text.charAt(2);
    if (separator != ':' && separator != '-') {
      return null;
    }
    char[] mac = new char[17];
    for (int i = 0; i < 17; i++) {
      char c = text.charAt(i);
      if (i % 3 == 2) {
        if (c != separator) {
          return null;
        }
        mac[i] = ':';
      } else if (Character.digit(c, 16) >= 0 && c < 128) {
        mac[i] = Character.toLowerCase(c);
      } else {
        return null;
      }
    }
    return new String(mac);
  }
}

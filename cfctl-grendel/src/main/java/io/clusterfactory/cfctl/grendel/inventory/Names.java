package io.clusterfactory.cfctl.grendel.inventory;

/** Node names must be host names: Grendel validates them and lower-cases them on store. */
final class Names {
  static final String HINT = "use lower-case letters, digits and '-', e.g. cn001";

  private Names() {}

  static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > 253) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '.') {
        if (!isLabel(name, labelStart, i)) {
          return false;
        }
        labelStart = i + 1;
      }
    }
    return true;
  }

  /** RFC 1123 label, lower case: letters, digits, inner hyphens, 1 to 63 characters. */
  private static boolean isLabel(String name, int start, int end) {
    if (end - start < 1 || end - start > 63) {
      return false;
    }
    if (name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static String problem(String name) {
    return "\"" + name + "\" is not a valid node name";
  }
}

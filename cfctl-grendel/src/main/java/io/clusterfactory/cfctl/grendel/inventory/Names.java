package io.clusterfactory.cfctl.grendel.inventory;

import java.util.regex.Pattern;

/** Node names must be host names: Grendel validates them and lower-cases them on store. */
final class Names {
  static final String HINT = "use lower-case letters, digits and '-', e.g. cn001";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Names() {}

  static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  static String problem(String name) {
    return "\"" + name + "\" is not a valid node name";
  }
}

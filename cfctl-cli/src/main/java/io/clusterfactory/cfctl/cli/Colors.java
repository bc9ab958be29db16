package io.clusterfactory.cfctl.cli;

/**
 * Whether cfctl may colour what it prints: never with {@code --no-color} or {@code NO_COLOR}
 * (no-color.org). Read from the raw arguments, because a colour is chosen before the parser has set
 * the flag (a parse error's {@code Error:} prefix, the usage help).
 */
final class Colors {
  private Colors() {}

  static boolean wanted(String[] args) {
    if (System.getenv("NO_COLOR") != null) {
      return false;
    }
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--no-color") || a.equals("--no-color=true")) {
        return false;
      }
    }
    return true;
  }
}

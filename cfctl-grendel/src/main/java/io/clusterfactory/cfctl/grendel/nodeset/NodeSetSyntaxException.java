package io.clusterfactory.cfctl.grendel.nodeset;

/** A nodeset string that cannot be parsed; {@link #column()} is 1-based in the original text. */
public class NodeSetSyntaxException extends IllegalArgumentException {
  private final String nodeset;
  private final int column;
  private final String reason;

  public NodeSetSyntaxException(String nodeset, int column, String reason) {
    super("invalid nodeset \"" + nodeset + "\" at column " + column + ": " + reason);
    this.nodeset = nodeset;
    this.column = column;
    this.reason = reason;
  }

  public String nodeset() {
    return nodeset;
  }

  public int column() {
    return column;
  }

  /** The problem without the nodeset and column, for callers that print their own location. */
  public String reason() {
    return reason;
  }
}

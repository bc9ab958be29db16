package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The characters a generated secret is drawn from (uniformly, with {@link
 * java.security.SecureRandom}).
 */
public enum SecretCharset {
  /** {@code A-Z a-z 0-9}: safe in URLs, shells, config files and connection strings. */
  @JsonProperty("alphanumeric")
  ALPHANUMERIC("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
  /** {@code 0-9 a-f}: for tokens that must be hexadecimal. */
  @JsonProperty("hex")
  HEX("0123456789abcdef"),
  /**
   * Alphanumerics plus punctuation, for password policies that demand symbols; quote such values in
   * shells.
   */
  @JsonProperty("symbols")
  SYMBOLS("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%+-.:=@^_~");

  private final String alphabet;

  SecretCharset(String alphabet) {
    this.alphabet = alphabet;
  }

  /** The characters drawn from. */
  public String alphabet() {
    return alphabet;
  }
}

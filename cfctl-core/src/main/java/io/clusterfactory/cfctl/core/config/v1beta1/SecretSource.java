package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one secret input of cluster.yaml comes from. Exactly one of the three fields is set; a
 * stack block embeds it, for example {@code adminPassword: {env: MARIADB_ROOT_PASSWORD}}. The clear
 * value never appears in cluster.yaml itself.
 *
 * @param env name of an environment variable holding the value
 * @param file path of a git-ignored local file holding the value, relative to the directory of
 *     cluster.yaml; one trailing newline is stripped
 * @param generate have cfctl generate a strong random value; once sealed into the Git tree it is
 *     kept across re-renders
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"env", "file", "generate"})
public record SecretSource(
    @JsonProperty("env") @JsonPropertyDescription("Environment variable holding the value.")
        String env,
    @JsonProperty("file")
        @JsonPropertyDescription(
            "Git-ignored local file holding the value, relative to the directory of cluster.yaml.")
        String file,
    @JsonProperty("generate")
        @JsonPropertyDescription(
            "Generate a random value; it is sealed into the Git tree and kept on re-render.")
        GeneratedValue generate) {

  /** A source reading environment variable {@code name}. */
  public static SecretSource fromEnv(String name) {
    return new SecretSource(name, null, null);
  }

  /** A source reading {@code path}, relative to the config directory. */
  public static SecretSource fromFile(String path) {
    return new SecretSource(null, path, null);
  }

  /** A source generating a value of the default length and charset. */
  public static SecretSource generated() {
    return new SecretSource(null, null, GeneratedValue.DEFAULT);
  }

  /**
   * Problems with this source, each a short sentence; empty when exactly one field is set and it is
   * well formed. Config validation prefixes each with the YAML path of the source.
   */
  public List<String> problems() {
    var problems = new ArrayList<String>();
    int set = (env != null ? 1 : 0) + (file != null ? 1 : 0) + (generate != null ? 1 : 0);
    if (set != 1) {
      problems.add("exactly one of env, file or generate must be set (found " + set + ")");
    }
    if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      problems.add("env: '" + env + "' is not a valid environment variable name");
    }
    if (file != null && file.isBlank()) {
      problems.add("file: must not be empty");
    }
    if (generate != null) {
      problems.addAll(generate.problems().stream().map(p -> "generate." + p).toList());
    }
    return problems;
  }

  /** What cfctl generates when {@code generate} is used. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"length", "charset"})
  public record GeneratedValue(
      @JsonProperty("length")
          @JsonPropertyDescription("Number of characters; default 32, at least 16.")
          Integer length,
      @JsonProperty("charset")
          @JsonPropertyDescription("Characters to draw from; default alphanumeric.")
          SecretCharset charset) {

    public static final int DEFAULT_LENGTH = 32;
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 4096;
    public static final GeneratedValue DEFAULT = new GeneratedValue(null, null);

    /** The length, defaulted. */
    public int effectiveLength() {
      return length == null ? DEFAULT_LENGTH : length;
    }

    /** The charset, defaulted. */
    public SecretCharset effectiveCharset() {
      return charset == null ? SecretCharset.ALPHANUMERIC : charset;
    }

    public List<String> problems() {
      int value = effectiveLength();
      if (value < MIN_LENGTH || value > MAX_LENGTH) {
        return List.of(
            "length: " + value + " is out of range [" + MIN_LENGTH + ", " + MAX_LENGTH + "]");
      }
      return List.of();
    }
  }
}

package io.clusterfactory.cfctl.k0s.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A k0s join token: base64 of a gzipped kubeconfig whose user token is {@code <id>.<secret>}. The
 * id is what {@code k0s token invalidate} takes.
 */
public final class JoinToken {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private JoinToken() {}

  /** The bootstrap token id, or empty when the token cannot be decoded. */
  public static Optional<String> id(String token) {
    try {
      byte[] gz = Base64.getDecoder().decode(token.strip());
      String kubeconfig;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        kubeconfig = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      JsonNode root = YAML.readTree(kubeconfig);
      String secret = root.path("users").path(0).path("user").path("token").asText("");
      int dot = secret.indexOf('.');
      return dot > 0 ? Optional.of(secret.substring(0, dot)) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

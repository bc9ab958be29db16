package io.clusterfactory.cfctl.core.kube.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed read access to the spec/status fields health checks look at, on a generic object. */
public final class ObjectStatus {
  /** One entry of {@code status.conditions}. */
  public record Condition(String type, String status, String reason, String message) {
    public boolean isTrue() {
      return "True".equals(status);
    }

    public boolean isFalse() {
      return "False".equals(status);
    }

    /** "reason: message", whichever are set. */
    public String describe() {
      String r = reason == null ? "" : reason;
      String m = message == null ? "" : message;
      return r.isEmpty() ? m : m.isEmpty() ? r : r + ": " + m;
    }
  }

  private final GenericKubernetesResource object;

  public ObjectStatus(GenericKubernetesResource object) {
    this.object = object;
  }

  public GenericKubernetesResource object() {
    return object;
  }

  /** The value at {@code path} below the object root ({@code "spec", "replicas"}), if any. */
  public Optional<Object> at(String... path) {
    Object current = object.getAdditionalProperties();
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      current = map.get(key);
    }
    return Optional.ofNullable(current);
  }

  public Optional<Long> number(String... path) {
    return at(path)
        .flatMap(v -> v instanceof Number n ? Optional.of(n.longValue()) : Optional.empty());
  }

  /** A replica-style count: absent means 0, as the API omits zero values. */
  public long count(String... path) {
    return number(path).orElse(0L);
  }

  public Optional<String> string(String... path) {
    return at(path).map(String::valueOf);
  }

  public List<Condition> conditions() {
    Optional<Object> raw = at("status", "conditions");
    if (raw.isEmpty() || !(raw.get() instanceof List<?> list)) {
      return List.of();
    }
    return list.stream()
        .filter(Map.class::isInstance)
        .map(Map.class::cast)
        .map(
            m ->
                new Condition(
                    str(m.get("type")),
                    str(m.get("status")),
                    str(m.get("reason")),
                    str(m.get("message"))))
        .toList();
  }

  public Optional<Condition> condition(String type) {
    return conditions().stream().filter(c -> type.equals(c.type())).findFirst();
  }

  private static String str(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}

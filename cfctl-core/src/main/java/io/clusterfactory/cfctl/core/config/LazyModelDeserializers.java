package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * Builds the deserializer of a model record only when the file has a value of that type. Jackson
 * otherwise builds, on the first bind, the deserializers of every record reachable from {@code
 * Cluster}, whichever sections the file uses: cold, that introspection was most of {@code cfctl
 * validate}'s start-up (docs/performance.md#start-up). A property of a model type gets a
 * placeholder that asks Jackson for the real deserializer when a value arrives; Jackson caches the
 * real one, so each type is still introspected at most once per mapper.
 */
final class LazyModelDeserializers extends Deserializers.Base {
  private static final String MODEL_PACKAGE = "io.clusterfactory.cfctl.core.config";

  /** The type whose real deserializer is being built on this thread: no placeholder for it. */
  private static final ThreadLocal<JavaType> BUILDING = new ThreadLocal<>();

  @Override
  public JsonDeserializer<?> findBeanDeserializer(
      JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
    Class<?> raw = type.getRawClass();
    if (!raw.isRecord() || !raw.getPackageName().startsWith(MODEL_PACKAGE)) {
      return null;
    }
    return type.equals(BUILDING.get()) ? null : new Placeholder(type);
  }

  private static final class Placeholder extends JsonDeserializer<Object> {
    private final JavaType type;
    private volatile JsonDeserializer<Object> real;

    Placeholder(JavaType type) {
      this.type = type;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return real(ctxt).deserialize(p, ctxt);
    }

    private JsonDeserializer<Object> real(DeserializationContext ctxt) throws IOException {
      JsonDeserializer<Object> found = real;
      if (found == null) {
        JavaType outer = BUILDING.get();
        BUILDING.set(type);
        try {
          found = ctxt.findRootValueDeserializer(type);
        } finally {
          if (outer == null) {
            BUILDING.remove();
          } else {
            BUILDING.set(outer);
          }
        }
        real = found;
      }
      return found;
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.POJO;
    }

    @Override
    public Class<?> handledType() {
      return type.getRawClass();
    }

    // Jackson asks the placeholder whether it may be cached: never, so that a later lookup of
    // the type finds the real deserializer Jackson cached when it was built.
    @Override
    public boolean isCachable() {
      return false;
    }
  }
}

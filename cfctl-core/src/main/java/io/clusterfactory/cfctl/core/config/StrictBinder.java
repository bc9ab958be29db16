package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.AccessPattern;
import com.fasterxml.jackson.databind.util.TokenBufferReadContext;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binds a YAML tree to typed records without stopping at the first problem: unknown fields (with a
 * "did you mean"), wrong types and invalid enum values are all collected with their YAML paths.
 */
public final class StrictBinder {
  /** {@code metadata: ""} is an empty section like {@code metadata:}, not a coercion puzzle. */
  private static final java.util.function.Consumer<MutableCoercionConfig> EMPTY_IS_ABSENT =
      c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .addModule(
              new SimpleModule("cfctl-strings").addDeserializer(String.class, new AsWritten()))
          .addModule(
              new SimpleModule("cfctl-lazy-model") {
                @Override
                public void setupModule(SetupContext context) {
                  context.addDeserializers(new LazyModelDeserializers());
                }
              })
          .withCoercionConfig(LogicalType.POJO, EMPTY_IS_ABSENT)
          .withCoercionConfig(LogicalType.Map, EMPTY_IS_ABSENT)
          .withCoercionConfig(LogicalType.Collection, EMPTY_IS_ABSENT)
          .build();
  private static final String SOURCE_MAP = "cfctl.sourceMap";
  private static final String BASE_PATH = "cfctl.basePath";

  private StrictBinder() {}

  /** The shared mapper, for writing models back out (schema, golden files). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Binds {@code node} (found at YAML path {@code basePath}) to {@code type}. Returns null only
   * when the problems make binding impossible.
   */
  public static <T> T bind(JsonNode node, Class<T> type, String basePath, Problems problems) {
    Handler handler = new Handler(basePath, problems);
    try (JsonParser p = MAPPER.treeAsTokens(node)) {
      ObjectReader reader = MAPPER.readerFor(type).withHandler(handler);
      if (problems.sourceMap() != null) {
        reader =
            reader
                .withAttribute(SOURCE_MAP, problems.sourceMap())
                .withAttribute(BASE_PATH, basePath);
      }
      return reader.readValue(p);
    } catch (JsonMappingException e) {
      String path = join(basePath, pathOf(e.getPath()));
      problems.error(path, cleanMessage(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.error(basePath, e.getMessage());
      return null;
    }
  }

  /**
   * A string field reads the scalar as written: {@code 0x01}, {@code 1e3}, {@code off} or {@code ~}
   * written plain stay those texts (YAML typed them; the source map kept the text), never "1",
   * "1000.0", "false" or null. An empty value stays null.
   */
  private static final class AsWritten extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    AsWritten() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != null && p.currentToken().isScalarValue()) {
        String written = written(p, ctxt);
        if (written != null) {
          return written;
        }
      }
      return StringDeserializer.instance.deserialize(p, ctxt);
    }

    @Override
    public String getNullValue(DeserializationContext ctxt) {
      JsonParser p = ctxt.getParser();
      return p != null && p.hasToken(JsonToken.VALUE_NULL) ? written(p, ctxt) : null;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }

    @Override
    public AccessPattern getNullAccessPattern() {
      return AccessPattern.DYNAMIC;
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }

    private static String written(JsonParser p, DeserializationContext ctxt) {
      if (!(ctxt.getAttribute(SOURCE_MAP) instanceof SourceMap map)) {
        return null;
      }
      String base = (String) ctxt.getAttribute(BASE_PATH);
      return map.plainText(join(base, pathOf(p.getParsingContext())));
    }
  }

  private static final class Handler extends DeserializationProblemHandler {
    private final String basePath;
    private final Problems problems;

    Handler(String basePath, Problems problems) {
      this.basePath = basePath;
      this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      String path = join(basePath, fieldPath(p, propertyName));
      Collection<Object> known = deserializer.getKnownPropertyNames();
      String hint = suggestion(propertyName, known);
      problems.keyError(path, "unknown field '" + propertyName + "'", hint);
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
      String path = join(basePath, pathOf(ctxt.getParser().getParsingContext()));
      if (targetType.isEnum()) {
        problems.error(
            path,
            "invalid value '" + value + "'",
            "expected one of " + String.join(" | ", enumNames(targetType)));
      } else {
        problems.error(path, "expected " + describe(targetType) + ", got '" + value + "'");
      }
      return null;
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
      String path = join(basePath, pathOf(ctxt.getParser().getParsingContext()));
      problems.error(path, "expected " + describe(targetType) + ", got " + value);
      return null;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String msg)
        throws IOException {
      // For a container token the parser is already inside it; the path is the same.
      String path = join(basePath, pathOf(p.getParsingContext()));
      problems.error(
          path, "expected " + describe(targetType.getRawClass()) + ", got " + describe(t));
      p.skipChildren();
      return null;
    }

    @Override
    public Object handleInstantiationProblem(
        DeserializationContext ctxt, Class<?> instClass, Object argument, Throwable t) {
      String path = join(basePath, pathOf(ctxt.getParser().getParsingContext()));
      Throwable root = t;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      problems.error(path, cleanMessage(root.getMessage()));
      return null;
    }

    @Override
    public Object handleMissingInstantiator(
        DeserializationContext ctxt,
        Class<?> instClass,
        ValueInstantiator valueInsta,
        JsonParser p,
        String msg)
        throws IOException {
      String path = join(basePath, pathOf(p.getParsingContext()));
      problems.error(
          path, "expected " + describe(instClass) + ", got " + describe(p.currentToken()));
      p.skipChildren();
      return null;
    }
  }

  /**
   * The path of field {@code name} of the mapping being read. A record's unknown fields are
   * replayed from a buffer once the mapping is read: the buffer's contexts come first and the
   * original context past them is the one that names the mapping. Otherwise the context is the
   * mapping's own (or, at a list or mapping value, already the value's).
   */
  static String fieldPath(JsonParser p, String name) {
    JsonStreamContext ctx = p.getParsingContext();
    boolean buffered = false;
    while (ctx instanceof TokenBufferReadContext) {
      ctx = ctx.getParent();
      buffered = true;
    }
    String mapping;
    if (buffered) {
      mapping = pathOf(ctx);
    } else {
      if (p.currentToken() == JsonToken.START_ARRAY || p.currentToken() == JsonToken.START_OBJECT) {
        ctx = ctx.getParent();
      }
      mapping = ctx == null ? "" : pathOf(ctx.getParent());
    }
    return join(mapping, SourceMap.child("", name));
  }

  static String suggestion(String unknown, Collection<Object> known) {
    if (known == null || known.isEmpty()) {
      return null;
    }
    List<String> names = known.stream().map(Objects::toString).sorted().toList();
    String best =
        names.stream()
            .min(
                Comparator.comparingInt(
                    k -> EditDistance.between(unknown.toLowerCase(), k.toLowerCase())))
            .orElse(null);
    if (best != null
        && EditDistance.between(unknown.toLowerCase(), best.toLowerCase())
            <= Math.max(2, unknown.length() / 3)) {
      return "did you mean '" + best + "'?";
    }
    return "known fields: " + String.join(", ", names);
  }

  private static List<String> enumNames(Class<?> type) {
    return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
  }

  static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    if (type.isEnum()) {
      return "one of " + String.join(" | ", enumNames(type));
    }
    if (type == io.clusterfactory.cfctl.core.config.v1beta1.Duration.class) {
      return "a duration like 90s or 2m";
    }
    return "a " + type.getSimpleName();
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString();
    };
  }

  static String pathOf(JsonStreamContext ctx) {
    StringBuilder b = new StringBuilder();
    buildPath(ctx, b);
    return b.toString();
  }

  private static void buildPath(JsonStreamContext ctx, StringBuilder b) {
    if (ctx == null || ctx.inRoot()) {
      return;
    }
    buildPath(ctx.getParent(), b);
    if (ctx.inArray()) {
      b.append('[').append(Math.max(0, ctx.getCurrentIndex())).append(']');
    } else if (ctx.inObject() && ctx.getCurrentName() != null) {
      String name = ctx.getCurrentName();
      b.append(b.length() == 0 ? "" : ".");
      b.append(SourceMap.child("", name));
    }
  }

  private static String pathOf(List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(SourceMap.child("", r.getFieldName()));
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  static String join(String base, String rel) {
    if (base.isEmpty()) {
      return rel;
    }
    if (rel.isEmpty()) {
      return base;
    }
    return rel.startsWith("[") ? base + rel : base + "." + rel;
  }

  private static String cleanMessage(String message) {
    if (message == null) {
      return "invalid value";
    }
    String first = message.lines().findFirst().orElse(message);
    int at = first.indexOf(" at [Source");
    return at > 0 ? first.substring(0, at) : first;
  }
}

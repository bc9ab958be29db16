package io.clusterfactory.cfctl.core.secrets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which sealed values of the previous render can be kept byte for byte.
 *
 * <p>Sealing is randomised, so sealing an unchanged value again would change the Git tree at every
 * render. Instead each SealedSecret records, in the annotation {@value #ANNOTATION}, for every key:
 * an HMAC (keyed by {@link SealHashKey}) of the clear input and the fingerprint of the certificate
 * it was sealed with, or that the value was generated. A key is kept when the previous SealedSecret
 * has the same namespace, name and scope, and either its recorded HMAC and certificate match the
 * new input, or the key is generated and was generated before (its clear value is not known, and
 * generating it again would rotate it).
 */
public final class SealedValueReuse {
  private static final Logger logger = LoggerFactory.getLogger(SealedValueReuse.class);

  /** The annotation holding one JSON object: data key to {@link KeyRecord}. */
  public static final String ANNOTATION = "cfctl.clusterfactory.io/sealed-inputs";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What is recorded about one sealed key; never the clear value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"hmac", "cert", "generated"})
  public record KeyRecord(
      @JsonProperty("hmac") String hmac,
      @JsonProperty("cert") String cert,
      @JsonProperty("generated") Boolean generated) {

    /** The record of a provided value. */
    public static KeyRecord provided(String hmac, String certificateFingerprint) {
      return new KeyRecord(hmac, certificateFingerprint, null);
    }

    /** The record of a generated value. */
    public static KeyRecord generatedValue() {
      return new KeyRecord(null, null, true);
    }

    boolean isGenerated() {
      return Boolean.TRUE.equals(generated);
    }
  }

  private final SortedMap<String, String> encryptedData;
  private final SortedMap<String, KeyRecord> records;

  private SealedValueReuse(
      SortedMap<String, String> encryptedData, SortedMap<String, KeyRecord> records) {
    this.encryptedData = encryptedData;
    this.records = records;
  }

  /** Nothing to reuse: every value is sealed afresh. */
  public static SealedValueReuse none() {
    return new SealedValueReuse(new TreeMap<>(), new TreeMap<>());
  }

  /**
   * What can be reused from {@code previous} (the SealedSecret the last render wrote for this
   * Secret, or null) when sealing {@code secret}. A previous SealedSecret of another namespace,
   * name or scope offers nothing: its values are bound to another label.
   */
  public static SealedValueReuse from(GenericKubernetesResource previous, SecretToSeal secret) {
    if (previous == null || previous.getMetadata() == null) {
      return none();
    }
    ObjectMeta metadata = previous.getMetadata();
    SealingScope previousScope = SealingScope.fromAnnotations(metadata.getAnnotations());
    boolean sameTarget =
        Objects.equals(metadata.getName(), secret.name())
            && Objects.equals(emptyToNull(metadata.getNamespace()), emptyToNull(secret.namespace()))
            && previousScope == secret.scope();
    if (!sameTarget) {
      logger.debug(
          "Previous SealedSecret {}/{} ({}) is bound elsewhere than {} ({}); sealing afresh",
          metadata.getNamespace(),
          metadata.getName(),
          previousScope.id(),
          secret.displayName(),
          secret.scope().id());
      return none();
    }
    return new SealedValueReuse(encryptedDataOf(previous), readRecords(metadata.getAnnotations()));
  }

  /** The previous sealed value of {@code key} if it was sealed from the same input. */
  public Optional<String> reusableProvided(String key, KeyRecord current) {
    KeyRecord previous = records.get(key);
    String sealed = encryptedData.get(key);
    if (sealed == null || previous == null || previous.isGenerated()) {
      return Optional.empty();
    }
    boolean same =
        Objects.equals(previous.hmac(), current.hmac())
            && Objects.equals(previous.cert(), current.cert());
    return same ? Optional.of(sealed) : Optional.empty();
  }

  /** The previous sealed value of {@code key} if cfctl generated it. */
  public Optional<String> reusableGenerated(String key) {
    KeyRecord previous = records.get(key);
    String sealed = encryptedData.get(key);
    return sealed != null && previous != null && previous.isGenerated()
        ? Optional.of(sealed)
        : Optional.empty();
  }

  /** The annotation value for these records: compact JSON, keys sorted. */
  public static String annotationValue(SortedMap<String, KeyRecord> records) {
    try {
      return JSON.writeValueAsString(records);
    } catch (JsonProcessingException e) {
      throw new InternalException("writing " + ANNOTATION + ": " + e.getMessage(), e);
    }
  }

  /** The records stored in a SealedSecret's annotations; empty when absent or unreadable. */
  public static SortedMap<String, KeyRecord> readRecords(Map<String, String> annotations) {
    String json = annotations == null ? null : annotations.get(ANNOTATION);
    if (json == null) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, KeyRecord>>() {}));
    } catch (JsonProcessingException e) {
      // a hand-edited annotation only costs a re-seal, never a wrong reuse
      logger.warn("Ignoring unreadable annotation {}: {}", ANNOTATION, e.getOriginalMessage());
      return new TreeMap<>();
    }
  }

  @SuppressWarnings("unchecked")
  private static SortedMap<String, String> encryptedDataOf(GenericKubernetesResource resource) {
    SortedMap<String, String> result = new TreeMap<>();
    if (resource.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
        && spec.get("encryptedData") instanceof Map<?, ?> data) {
      ((Map<Object, Object>) data)
          .forEach(
              (key, value) -> {
                if (key instanceof String name && value instanceof String sealed) {
                  result.put(name, sealed);
                }
              });
    }
    return result;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}

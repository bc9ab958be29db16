package io.clusterfactory.cfctl.core.secrets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.error.InternalException;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.render.Delivery;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.SecretRequest;
import io.clusterfactory.cfctl.core.secrets.SealedValueReuse.KeyRecord;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals every {@link SecretRequest} of a rendered tree into a SealedSecret at the request's path.
 *
 * <p>Each input is resolved once per run, so an input shared by several Secrets has one value. A
 * provided input ({@code env}, {@code file}) is sealed again only where it changed ({@link
 * SealedValueReuse}). A generated input cannot be read back from the tree, so a key that depends on
 * one keeps its previous sealed bytes; cfctl generates the value only when no key holding it exists
 * yet, and refuses (naming the input and how to provide it) when the value exists sealed somewhere
 * but has to be sealed again elsewhere, since generating it anew would make the copies differ.
 */
public final class TreeSealer {
  private static final Logger logger = LoggerFactory.getLogger(TreeSealer.class);

  /**
   * Annotation recording, for each key that depends on a generated input, a fingerprint of what
   * else went into the key: the SHA-256 of its template (not secret: the template is in
   * cfctl-secrets.yaml) and the keyed HMAC of the provided inputs it also holds.
   */
  public static final String GENERATED_KEYS_ANNOTATION =
      "cfctl.clusterfactory.io/generated-templates";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private TreeSealer() {}

  /** What went into a key holding a generated value, besides that value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"template", "inputs"})
  record KeyFingerprint(
      @JsonProperty("template") String template, @JsonProperty("inputs") String inputs) {

    /**
     * Same template and, when both renders had a hash key, same provided inputs (a render without
     * one cannot tell, and a generated value cannot be filled in again anyway).
     */
    boolean matches(KeyFingerprint previous) {
      if (previous == null || !Objects.equals(template, previous.template())) {
        return false;
      }
      return inputs == null || previous.inputs() == null || inputs.equals(previous.inputs());
    }
  }

  /** One key of one Secret that refers to an input. */
  private record Use(SecretRequest request, String key) {
    String describe() {
      return request.namespace() + "/" + request.name() + "[" + key + "]";
    }

    boolean isWholeValue(String input) {
      return SecretRequest.placeholder(input).equals(request.data().get(key));
    }
  }

  /** Whether a key holding generated inputs can keep its previous sealed bytes. */
  private enum State {
    /** Sealed before from the same template: keep the bytes. */
    KEPT,
    /** Not sealed before: seal it now. */
    ABSENT,
    /** Sealed before from another template or other provided inputs: cannot be filled again. */
    CHANGED
  }

  /**
   * Seals every secret request of {@code tree}.
   *
   * @param certificate the sealed-secrets controller's certificate
   * @param inputs resolves the inputs of cluster.yaml
   * @param hashKey records and recognises unchanged provided inputs; null to seal every provided
   *     value afresh (generated values are kept either way)
   * @param previousFile the bytes at a tree path in the previous render (the Git tree or the output
   *     folder), or null when there is none
   * @throws InvalidInputException listing every missing or invalid input, and every generated input
   *     that must be provided because it cannot be sealed again
   */
  public static SealedTree seal(
      RenderedTree tree,
      SealingCertificate certificate,
      SecretInputs inputs,
      SealHashKey hashKey,
      Function<String, byte[]> previousFile) {
    SortedMap<String, List<Use>> uses = usesByInput(tree);
    Map<String, SecretValue> values = resolveAll(tree, inputs, uses.keySet());

    Map<String, GenericKubernetesResource> previous = new HashMap<>();
    Map<String, SealedValueReuse> reuse = new HashMap<>();
    Map<String, Map<String, KeyFingerprint>> previousFingerprints = new HashMap<>();
    for (SecretRequest request : tree.secrets()) {
      byte[] bytes = previousFile.apply(request.path());
      GenericKubernetesResource old =
          bytes == null
              ? null
              : SealedSecretManifest.parse(
                  new String(bytes, StandardCharsets.UTF_8), request.path());
      previous.put(request.path(), old);
      reuse.put(request.path(), SealedValueReuse.from(old, skeleton(request)));
      previousFingerprints.put(
          request.path(), old == null ? Map.of() : readFingerprints(old, request.path()));
    }

    // the state of every key holding a generated input, and its fingerprint
    Map<Use, State> states = new HashMap<>();
    Map<Use, KeyFingerprint> fingerprints = new HashMap<>();
    List<String> keptUnchecked = new ArrayList<>();
    for (SecretRequest request : tree.secrets()) {
      for (Map.Entry<String, String> entry : request.data().entrySet()) {
        List<String> ids = SecretRequest.inputsOf(entry.getValue());
        if (ids.stream().noneMatch(id -> values.get(id) instanceof SecretValue.Generated)) {
          continue;
        }
        Use use = new Use(request, entry.getKey());
        KeyFingerprint fingerprint = fingerprint(use, ids, values, hashKey);
        fingerprints.put(use, fingerprint);
        boolean sealedBefore =
            reuse.get(request.path()).reusableGenerated(entry.getKey()).isPresent();
        KeyFingerprint before = previousFingerprints.get(request.path()).get(entry.getKey());
        State state =
            !sealedBefore ? State.ABSENT : fingerprint.matches(before) ? State.KEPT : State.CHANGED;
        states.put(use, state);
        if (state == State.KEPT
            && (fingerprint.inputs() == null || before.inputs() == null)
            && ids.stream().anyMatch(id -> isProvided(values, id))) {
          keptUnchecked.add(use.describe());
        }
      }
    }
    if (!keptUnchecked.isEmpty()) {
      logger.warn(
          "Kept {} without checking whether the provided inputs inside changed: no seal hash key"
              + " recorded or given (see docs/secrets.md)",
          String.join(", ", keptUnchecked));
    }

    Map<String, String> generated = generateOrRefuse(uses, values, states);

    SortedMap<String, byte[]> files = new TreeMap<>(tree.files());
    List<RenderedObject> sealedObjects = new ArrayList<>();
    Sealer sealer = new Sealer(certificate, hashKey);
    int keptKeys = 0;
    for (SecretRequest request : tree.secrets()) {
      Function<String, String> valueOf = id -> clearValue(id, values, generated);
      SortedMap<String, SecretValue> data = new TreeMap<>();
      SortedMap<String, String> keptSealed = new TreeMap<>();
      SortedMap<String, KeyFingerprint> requestFingerprints = new TreeMap<>();
      SealedValueReuse requestReuse = reuse.get(request.path());
      for (Map.Entry<String, String> entry : request.data().entrySet()) {
        Use use = new Use(request, entry.getKey());
        KeyFingerprint fingerprint = fingerprints.get(use);
        if (fingerprint != null) {
          requestFingerprints.put(entry.getKey(), fingerprint);
        }
        if (states.get(use) == State.KEPT) {
          keptSealed.put(entry.getKey(), requestReuse.reusableGenerated(entry.getKey()).get());
          keptKeys++;
        } else {
          String filled = SecretRequest.fill(entry.getValue(), valueOf);
          data.put(entry.getKey(), SecretValue.of(filled));
        }
      }
      GenericKubernetesResource sealed =
          sealer.seal(withData(request, data), previous.get(request.path()));
      withGeneratedKeys(sealed, keptSealed, requestFingerprints);
      String yaml = SealedSecretManifest.toYaml(sealed);
      if (tree.files().containsKey(request.path())) {
        throw new InternalException(
            "the rendered tree already has a file at " + request.path() + ", the path of a secret",
            null);
      }
      files.put(request.path(), yaml.getBytes(StandardCharsets.UTF_8));
      sealedObjects.add(object(tree, request, yaml));
    }
    logger.info(
        "==> Sealed {} Secrets ({} values generated, {} generated keys kept)",
        tree.secrets().size(),
        generated.size(),
        keptKeys);
    return new SealedTree(Collections.unmodifiableSortedMap(files), List.copyOf(sealedObjects));
  }

  private static SortedMap<String, List<Use>> usesByInput(RenderedTree tree) {
    SortedMap<String, List<Use>> uses = new TreeMap<>();
    for (SecretRequest request : tree.secrets()) {
      request
          .data()
          .forEach(
              (key, template) -> {
                for (String id : new TreeSet<>(SecretRequest.inputsOf(template))) {
                  uses.computeIfAbsent(id, k -> new ArrayList<>()).add(new Use(request, key));
                }
              });
    }
    return uses;
  }

  /** Resolves every input once, reporting all missing or invalid inputs in one error. */
  /**
   * Resolves every input the tree's secrets use, without sealing: a run checks its inputs this way
   * before it changes anything, even when no certificate exists yet to seal with.
   *
   * @throws InvalidInputException listing every missing or invalid input
   */
  public static void checkInputs(RenderedTree tree, SecretInputs inputs) {
    resolveAll(tree, inputs, usesByInput(tree).keySet());
  }

  private static Map<String, SecretValue> resolveAll(
      RenderedTree tree, SecretInputs inputs, Collection<String> ids) {
    Map<String, SecretValue> values = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (String id : ids) {
      SecretSource source = tree.secretInputs().get(id);
      if (source == null) {
        throw new InternalException(
            "a secret request refers to input " + id + ", which the tree does not declare", null);
      }
      try {
        SecretValue value = inputs.resolve(id, source);
        if (value instanceof SecretValue.Provided provided) {
          Redactor.global().register(provided.bytes());
        }
        values.put(id, value);
      } catch (InvalidInputException e) {
        problems.add(e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          problems.size()
              + " secret input"
              + (problems.size() == 1 ? " is" : "s are")
              + " missing or invalid:\n  "
              + String.join("\n  ", problems),
          "set the environment variables and create the git-ignored files named above, then"
              + " render again; nothing was sealed or written");
    }
    return values;
  }

  /**
   * Generates each generated input none of whose keys exists sealed yet; keeps those all of whose
   * keys exist unchanged; refuses every other case, in one error.
   *
   * @return the generated clear values by input id
   */
  private static Map<String, String> generateOrRefuse(
      SortedMap<String, List<Use>> uses, Map<String, SecretValue> values, Map<Use, State> states) {
    Map<String, String> generated = new HashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> hints = new ArrayList<>();
    for (Map.Entry<String, List<Use>> entry : uses.entrySet()) {
      String id = entry.getKey();
      if (!(values.get(id) instanceof SecretValue.Generated spec)) {
        continue;
      }
      List<Use> kept = entry.getValue().stream().filter(u -> states.get(u) == State.KEPT).toList();
      List<Use> absent =
          entry.getValue().stream().filter(u -> states.get(u) == State.ABSENT).toList();
      List<Use> changed =
          entry.getValue().stream().filter(u -> states.get(u) == State.CHANGED).toList();
      if (absent.size() == entry.getValue().size()) {
        generated.put(id, SecretInputs.generate(spec.spec()));
        continue;
      }
      if (kept.size() == entry.getValue().size()) {
        continue;
      }
      List<Use> sealedBefore = new ArrayList<>(kept);
      sealedBefore.addAll(changed);
      StringBuilder problem =
          new StringBuilder("secret input ")
              .append(id)
              .append(" is generated and exists only sealed, in ")
              .append(describe(sealedBefore))
              .append(", but must be sealed again");
      if (!absent.isEmpty()) {
        problem.append(" into ").append(describe(absent)).append(" (new there)");
      }
      if (!changed.isEmpty()) {
        problem.append(", and ").append(describe(changed)).append(" changed around it");
      }
      problems.add(problem.append(": cfctl cannot read a sealed value back").toString());
      hints.add(recoveryHint(id, sealedBefore));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          String.join("\n", problems),
          "give each such input its current value from the cluster through env: or file: in"
              + " cluster.yaml, e.g.\n    "
              + String.join("\n    ", hints)
              + "\n  or delete every sealed key holding it to generate a new value (a rotation)");
    }
    return generated;
  }

  private static String recoveryHint(String id, List<Use> sealedBefore) {
    Optional<Use> whole = sealedBefore.stream().filter(u -> u.isWholeValue(id)).findFirst();
    if (whole.isEmpty()) {
      return id
          + ": copy it out of "
          + describe(sealedBefore)
          + " on the cluster into a git-ignored file and set {file: <that file>}";
    }
    SecretRequest request = whole.get().request();
    return id
        + ": kubectl -n "
        + request.namespace()
        + " get secret "
        + request.name()
        + " -o jsonpath='{.data."
        + whole.get().key().replace(".", "\\.")
        + "}' | base64 -d > .secrets/"
        + request.name()
        + "-"
        + whole.get().key()
        + " and set {file: .secrets/"
        + request.name()
        + "-"
        + whole.get().key()
        + "}";
  }

  private static String describe(List<Use> uses) {
    return String.join(", ", uses.stream().map(Use::describe).toList());
  }

  private static boolean isProvided(Map<String, SecretValue> values, String id) {
    return values.get(id) instanceof SecretValue.Provided;
  }

  private static String clearValue(
      String id, Map<String, SecretValue> values, Map<String, String> generated) {
    if (values.get(id) instanceof SecretValue.Provided provided) {
      return new String(provided.bytes(), StandardCharsets.UTF_8);
    }
    String value = generated.get(id);
    if (value == null) {
      throw new InternalException("generated input " + id + " has no value to seal", null);
    }
    return value;
  }

  private static KeyFingerprint fingerprint(
      Use use, List<String> ids, Map<String, SecretValue> values, SealHashKey hashKey) {
    String template = sha256(use.request().data().get(use.key()));
    List<String> provided =
        new TreeSet<>(ids).stream().filter(id -> isProvided(values, id)).toList();
    if (provided.isEmpty() || hashKey == null) {
      return new KeyFingerprint(template, null);
    }
    var bytes = new ByteArrayOutputStream();
    for (String id : provided) {
      bytes.writeBytes(id.getBytes(StandardCharsets.UTF_8));
      bytes.write(0);
      bytes.writeBytes(((SecretValue.Provided) values.get(id)).bytes());
      bytes.write(0);
    }
    return new KeyFingerprint(
        template, hashKey.hmac(use.describe() + "#inputs", bytes.toByteArray()));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new InternalException("SHA-256 is not available: " + e.getMessage(), e);
    }
  }

  /** The request as a strictly scoped Secret, without data: what reuse is decided against. */
  private static SecretToSeal skeleton(SecretRequest request) {
    return withData(request, new TreeMap<>());
  }

  private static SecretToSeal withData(SecretRequest request, SortedMap<String, SecretValue> data) {
    return new SecretToSeal(
        request.namespace(),
        request.name(),
        SealingScope.STRICT,
        request.type(),
        request.labels(),
        null,
        data,
        null);
  }

  private static Map<String, KeyFingerprint> readFingerprints(
      GenericKubernetesResource previous, String path) {
    Map<String, String> annotations = previous.getMetadata().getAnnotations();
    String json = annotations == null ? null : annotations.get(GENERATED_KEYS_ANNOTATION);
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<Map<String, KeyFingerprint>>() {});
    } catch (JsonProcessingException e) {
      // an unreadable fingerprint only makes cfctl refuse to keep a generated value unchecked
      logger.warn(
          "{}: ignoring unreadable annotation {}: {}",
          path,
          GENERATED_KEYS_ANNOTATION,
          e.getOriginalMessage());
      return Map.of();
    }
  }

  /**
   * Puts the kept sealed bytes of generated keys into {@code sealed}, marks every key holding a
   * generated input as generated (so the next render keeps it), and records their fingerprints.
   */
  @SuppressWarnings("unchecked")
  private static void withGeneratedKeys(
      GenericKubernetesResource sealed,
      SortedMap<String, String> keptSealed,
      SortedMap<String, KeyFingerprint> fingerprints) {
    if (fingerprints.isEmpty()) {
      return;
    }
    var spec = (Map<String, Object>) sealed.getAdditionalProperties().get("spec");
    var encryptedData = new TreeMap<>((Map<String, String>) spec.get("encryptedData"));
    encryptedData.putAll(keptSealed);
    spec.put("encryptedData", encryptedData);

    SortedMap<String, String> annotations =
        sealed.getMetadata().getAnnotations() == null
            ? new TreeMap<>()
            : new TreeMap<>(sealed.getMetadata().getAnnotations());
    SortedMap<String, KeyRecord> records = SealedValueReuse.readRecords(annotations);
    fingerprints.keySet().forEach(key -> records.put(key, KeyRecord.generatedValue()));
    annotations.put(SealedValueReuse.ANNOTATION, SealedValueReuse.annotationValue(records));
    try {
      annotations.put(GENERATED_KEYS_ANNOTATION, JSON.writeValueAsString(fingerprints));
    } catch (JsonProcessingException e) {
      throw new InternalException(
          "writing " + GENERATED_KEYS_ANNOTATION + ": " + e.getMessage(), e);
    }
    sealed.getMetadata().setAnnotations(annotations);
  }

  /** The SealedSecret as an object of the tree: synced by ArgoCD in its component's wave. */
  private static RenderedObject object(RenderedTree tree, SecretRequest request, String yaml) {
    ObjectNode body;
    try {
      body = (ObjectNode) YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InternalException("reading back a SealedSecret: " + e.getOriginalMessage(), e);
    }
    return new RenderedObject(
        request.path(),
        request.stack(),
        request.component(),
        componentWave(tree, request),
        Delivery.SYNCED,
        Sealer.API_VERSION,
        Sealer.KIND,
        request.namespace(),
        request.name(),
        body);
  }

  /** The wave of the request's component: that of its synced objects, else of its Application. */
  private static int componentWave(RenderedTree tree, SecretRequest request) {
    Map<Delivery, Integer> waves = new LinkedHashMap<>();
    for (RenderedObject object : tree.objects()) {
      if (object.stack().equals(request.stack())
          && object.component().equals(request.component())) {
        waves.putIfAbsent(object.delivery(), object.wave());
      }
    }
    Integer wave = waves.getOrDefault(Delivery.SYNCED, waves.get(Delivery.APP));
    if (wave == null) {
      throw new InternalException(
          "secret "
              + request.path()
              + " belongs to component "
              + request.stack()
              + "/"
              + request.component()
              + ", which has no Application in the tree",
          null);
    }
    return wave;
  }
}

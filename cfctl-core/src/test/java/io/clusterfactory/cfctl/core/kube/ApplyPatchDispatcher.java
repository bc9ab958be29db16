package io.clusterfactory.cfctl.core.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * fabric8's CRUD mock dispatcher, extended in test code with a documented approximation of what the
 * mock lacks (docs/kube-apply.md "What the mock server covers"):
 *
 * <ul>
 *   <li>server-side apply ({@code PATCH application/apply-patch+yaml}) as create-or-merge: a
 *       missing object is created (404 if its namespace does not exist, as on a real server); an
 *       existing one gets the patch deep-merged in (maps merged, lists and scalars replaced) and is
 *       written only if that changes it. Unlike real SSA it never removes fields, records no
 *       managedFields and detects no conflicts; the k3s test covers those.
 *   <li>{@code dryRun=All} writes answer as if done but persist nothing.
 *   <li>minimal API discovery ({@code /api}, {@code /api/v1}, {@code /apis}) for the core kinds, so
 *       {@code kubectl apply} can map kinds to resources (the benchmark needs it; fabric8's client
 *       does not use it for built-in kinds).
 *   <li>a CustomResourceDefinition applied server-side is Established at once (its status says so
 *       and discovery serves its kinds), as the API server's CRD controller does within moments.
 *   <li>every request is recorded in order ({@link #requests()}) and failures can be injected
 *       ({@link #failNext}).
 * </ul>
 */
public class ApplyPatchDispatcher extends KubernetesCrudDispatcher {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server saw it. */
  public record Request(String method, String path, String contentType) {
    public boolean isWrite() {
      return !method.equals("GET");
    }

    /** The path without the query string. */
    public String resourcePath() {
      int q = path.indexOf('?');
      return q < 0 ? path : path.substring(0, q);
    }
  }

  private static final Map<String, String> DISCOVERY =
      Map.of(
          "/api",
          "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
              + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1\"}]}",
          "/apis",
          "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}",
          "/api/v1",
          "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
              + coreResource("namespaces", "Namespace", false)
              + ","
              + coreResource("configmaps", "ConfigMap", true)
              + ","
              + coreResource("secrets", "Secret", true)
              + ","
              + coreResource("serviceaccounts", "ServiceAccount", true)
              + ","
              + coreResource("services", "Service", true)
              + "]}");

  private static String coreResource(String plural, String kind, boolean namespaced) {
    return "{\"name\":\""
        + plural
        + "\",\"singularName\":\""
        + kind.toLowerCase(java.util.Locale.ROOT)
        + "\",\"namespaced\":"
        + namespaced
        + ",\"kind\":\""
        + kind
        + "\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]}";
  }

  private record Fault(Predicate<Request> matches, int code) {}

  /** Custom kinds served by discovery, by group/version, as if their CRDs were installed. */
  private final Map<String, List<String>> customKinds =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Serves a custom kind in discovery ({@code /apis/GROUP/VERSION}), as a real API server does once
   * the kind's CRD is installed; the CRUD store then holds its objects like any other.
   */
  public void serve(String groupVersion, String kind, String plural, boolean namespaced) {
    List<String> kinds =
        customKinds.computeIfAbsent(
            groupVersion, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
    String resource = coreResource(plural, kind, namespaced);
    synchronized (kinds) {
      if (!kinds.contains(resource)) {
        kinds.add(resource);
      }
    }
  }

  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/";

  /** A CRD's status once Established, and its kinds served. */
  private void establish(Map<String, Object> crd) {
    if (!(crd.get("spec") instanceof Map<?, ?> spec)
        || !(spec.get("names") instanceof Map<?, ?> names)) {
      return;
    }
    boolean namespaced = !"Cluster".equals(spec.get("scope"));
    if (spec.get("versions") instanceof List<?> versions) {
      for (Object v : versions) {
        if (v instanceof Map<?, ?> version && !Boolean.FALSE.equals(version.get("served"))) {
          serve(
              spec.get("group") + "/" + version.get("name"),
              String.valueOf(names.get("kind")),
              String.valueOf(names.get("plural")),
              namespaced);
        }
      }
    }
    crd.put(
        "status",
        Map.of(
            "acceptedNames",
            names,
            "conditions",
            List.of(
                Map.of("type", "NamesAccepted", "status", "True", "reason", "NoConflicts"),
                Map.of(
                    "type", "Established", "status", "True", "reason", "InitialNamesAccepted"))));
  }

  /** Fixed answers to GETs of paths the CRUD store cannot serve (e.g. a service proxy). */
  private final Map<String, String> rawGets = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Answers GET {@code path} (without query) with {@code body}, as a path the API server proxies to
   * a workload would (e.g. the sealed-secrets controller's {@code /v1/cert.pem}).
   */
  public void serveRaw(String path, String body) {
    rawGets.put(path, body);
  }

  /**
   * What a command run in a pod through exec prints and how it exits ({@link #serveExec}); {@code
   * exitCode} null means the command never ends (no status is ever sent, as with a hung pod).
   */
  public record ExecResult(String stdout, String stderr, Integer exitCode) {}

  private final Map<String, java.util.function.Function<List<String>, ExecResult>> execs =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<List<String>> execCommands =
      java.util.Collections.synchronizedList(new ArrayList<>());

  /**
   * Answers exec into {@code namespace/pod} as the API server's streaming protocol does: stdout on
   * channel 1, stderr on channel 2, then the Status on channel 3 ({@code Success}, or {@code
   * NonZeroExitCode} with the code as its cause), then the socket closes.
   */
  public void serveExec(
      String namespace, String pod, java.util.function.Function<List<String>, ExecResult> run) {
    execs.put("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/exec", run);
  }

  /** The command of every exec so far. */
  public List<List<String>> execCommands() {
    synchronized (execCommands) {
      return List.copyOf(execCommands);
    }
  }

  private MockResponse exec(RecordedRequest request, String path) {
    List<String> command = new ArrayList<>();
    String query = request.getPath().substring(request.getPath().indexOf('?') + 1);
    for (String pair : query.split("&")) {
      if (pair.startsWith("command=")) {
        command.add(
            java.net.URLDecoder.decode(
                pair.substring("command=".length()), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    execCommands.add(List.copyOf(command));
    ExecResult result = execs.get(path).apply(command);
    return new MockResponse()
        .withWebSocketUpgrade(
            new io.fabric8.mockwebserver.http.WebSocketListener() {
              @Override
              public void onOpen(
                  io.fabric8.mockwebserver.http.WebSocket socket,
                  io.fabric8.mockwebserver.http.Response response) {
                if (!result.stdout().isEmpty()) {
                  socket.send(frame(1, result.stdout()));
                }
                if (!result.stderr().isEmpty()) {
                  socket.send(frame(2, result.stderr()));
                }
                if (result.exitCode() == null) {
                  return; // a command that never ends: nothing more, ever
                }
                String status =
                    result.exitCode() == 0
                        ? "{\"metadata\":{},\"status\":\"Success\"}"
                        : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command"
                            + " terminated with non-zero exit code\",\"reason\":"
                            + "\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":"
                            + "\"ExitCode\",\"message\":\""
                            + result.exitCode()
                            + "\"}]}}";
                socket.send(frame(3, status));
                socket.close(1000, "");
              }
            });
  }

  private static byte[] frame(int channel, String text) {
    byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] frame = new byte[body.length + 1];
    frame[0] = (byte) channel;
    System.arraycopy(body, 0, frame, 1, body.length);
    return frame;
  }

  private final List<Request> requests = new ArrayList<>();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Request seen =
        new Request(request.getMethod(), request.getPath(), request.getHeader("Content-Type"));
    synchronized (requests) {
      requests.add(seen);
    }
    for (Fault fault : faults) {
      if (fault.matches().test(seen) && faults.remove(fault)) {
        return status(fault.code(), "injected failure");
      }
    }
    if (execs.containsKey(seen.resourcePath())) {
      return exec(request, seen.resourcePath());
    }
    if (request.method() == HttpMethod.GET && rawGets.containsKey(seen.resourcePath())) {
      return new MockResponse().setResponseCode(200).setBody(rawGets.get(seen.resourcePath()));
    }
    if (request.method() == HttpMethod.GET && DISCOVERY.containsKey(seen.resourcePath())) {
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody(DISCOVERY.get(seen.resourcePath()));
    }
    if (request.method() == HttpMethod.GET
        && seen.resourcePath().startsWith("/apis/")
        && customKinds.containsKey(seen.resourcePath().substring("/apis/".length()))) {
      String gv = seen.resourcePath().substring("/apis/".length());
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"kind\":\"APIResourceList\",\"groupVersion\":\""
                  + gv
                  + "\",\"resources\":["
                  + String.join(",", customKinds.get(gv))
                  + "]}");
    }
    boolean dryRun = request.getPath().contains("dryRun=All");
    String contentType = Objects.toString(request.getHeader("Content-Type"), "");
    if (request.method() == HttpMethod.PATCH && contentType.startsWith("application/apply-patch")) {
      if (request.getPath().contains("fieldManager=cfctl")
          && !request.getPath().contains("fieldValidation=Strict")) {
        // cfctl always asks for strict field validation; a request without it is a cfctl bug
        // (fakes of other controllers, such as Argo CD's, apply as they do)
        return status(400, "server-side apply without fieldValidation=Strict");
      }
      // the body can be read once
      String body = request.getUtf8Body();
      if (request.getPath().contains("fieldValidation=Strict")) {
        String undeclared = undeclaredField(body);
        if (undeclared != null) {
          // what a Kubernetes 1.31 API server answers (kubernetes/kubernetes#122480: code 500)
          return status(
              500,
              "failed to create typed patch object ("
                  + new Request("PATCH", request.getPath(), null).resourcePath()
                  + "): "
                  + undeclared
                  + ": field not declared in schema");
        }
      }
      return serverSideApply(request, body, dryRun);
    }
    if (dryRun && request.method() != HttpMethod.GET) {
      return new MockResponse().setResponseCode(200).setBody(request.getUtf8Body());
    }
    return super.dispatch(request);
  }

  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization TYPED =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

  /**
   * The first field of a built-in kind's object that its schema does not declare, as the API
   * server's typed patch names it ({@code .spec.template.spec.foo}); null when every field is
   * declared or the kind is not built in (the mock knows no CRD schema). fabric8's generated model
   * stands in for the server's schema: a field it does not declare lands in its {@code
   * additionalProperties}.
   */
  static String undeclaredField(String body) {
    Object typed;
    try {
      typed = TYPED.unmarshal(body, io.fabric8.kubernetes.api.model.KubernetesResource.class);
    } catch (RuntimeException e) {
      return null;
    }
    if (typed instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
      return null;
    }
    return undeclared(typed, "");
  }

  private static String undeclared(Object o, String path) {
    if (o == null) {
      return null;
    }
    if (o instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String found = undeclared(list.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (o instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String found = undeclared(e.getValue(), path + "." + e.getKey());
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    Class<?> type = o.getClass();
    if (!type.getName().startsWith("io.fabric8.kubernetes.api.model")
        || o instanceof io.fabric8.kubernetes.api.model.IntOrString
        || o instanceof io.fabric8.kubernetes.api.model.Quantity) {
      return null;
    }
    try {
      Object extra = type.getMethod("getAdditionalProperties").invoke(o);
      if (extra instanceof Map<?, ?> m && !m.isEmpty()) {
        return path
            + "."
            + new java.util.TreeSet<>(m.keySet().stream().map(String::valueOf).toList()).first();
      }
      for (java.lang.reflect.Field field : type.getDeclaredFields()) {
        com.fasterxml.jackson.annotation.JsonProperty json =
            field.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        if (json == null || java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        String found = undeclared(field.get(o), path + "." + json.value());
        if (found != null) {
          return found;
        }
      }
      return null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<Request> writes() {
    return requests().stream().filter(Request::isWrite).toList();
  }

  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** The next {@code times} requests matching {@code matches} answer {@code code}. */
  public void failNext(int times, int code, Predicate<Request> matches) {
    for (int i = 0; i < times; i++) {
      faults.add(new Fault(matches, code));
    }
  }

  private MockResponse serverSideApply(RecordedRequest request, String body, boolean dryRun) {
    String path = new Request("PATCH", request.getPath(), null).resourcePath();
    Map<String, Object> patch = parse(body);
    Object metadata = patch.get("metadata");
    if (metadata instanceof Map<?, ?> m) {
      m.remove("managedFields");
      m.remove("resourceVersion");
    }
    if (path.startsWith(CRDS) && !dryRun) {
      establish(patch);
    }
    MockResponse existing = super.handleGet(path);
    if (existing.code() == 404) {
      String namespace = namespaceOf(path);
      if (namespace != null && super.handleGet("/api/v1/namespaces/" + namespace).code() == 404) {
        return status(404, "namespaces \"" + namespace + "\" not found");
      }
      if (dryRun) {
        return new MockResponse().setResponseCode(201).setBody(write(patch));
      }
      String collection = path.substring(0, path.lastIndexOf('/'));
      return super.handleCreate(
          new RecordedRequest(
              "POST " + collection + " HTTP/1.1",
              HttpMethod.POST,
              collection,
              Headers.builder().add("Content-Type", "application/json").build(),
              new Buffer().writeUtf8(write(patch))));
    }
    Map<String, Object> live = parse(existing.getBody().readUtf8());
    Map<String, Object> merged = merge(live, patch);
    if (merged.equals(live) || dryRun) {
      return new MockResponse().setResponseCode(200).setBody(write(merged));
    }
    return super.handleUpdate(
        new RecordedRequest(
            "PUT " + path + " HTTP/1.1",
            HttpMethod.PUT,
            path,
            Headers.builder().add("Content-Type", "application/json").build(),
            new Buffer().writeUtf8(write(merged))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> live, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(live);
    patch.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> p && out.get(key) instanceof Map<?, ?> l) {
            out.put(key, merge((Map<String, Object>) l, (Map<String, Object>) p));
          } else if (value != null) {
            out.put(key, value);
          }
        });
    return out;
  }

  /** The namespace of a namespaced resource path, or null for cluster-scoped ones. */
  private static String namespaceOf(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i + 2 < parts.length; i++) {
      if (parts[i].equals("namespaces")) {
        return parts[i + 1];
      }
    }
    return null;
  }

  private static MockResponse status(int code, String message) {
    String body =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
            + message.replace("\"", "\\\"")
            + "\",\"code\":"
            + code
            + "}";
    return new MockResponse().setResponseCode(code).setBody(body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String body) {
    try {
      // JSON is YAML too; the JSON parser is the cheaper one for what clients usually send
      return (body.stripLeading().startsWith("{") ? JSON : YAML)
          .readValue(body, LinkedHashMap.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.clusterfactory.cfctl.grendel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clusterfactory.cfctl.grendel.config.ApiGeneration;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a Grendel server in tests (not a real Grendel): implements the documented REST
 * endpoints of the legacy API ({@code /v1/host}, {@code /v1/bootimage}) or of upstream v0.2 ({@code
 * /v1/nodes}, {@code /v1/images}, {@code /v1/bmc}) over an in-memory store, records every request,
 * and serves over TCP on 127.0.0.1 or over a unix socket.
 */
public final class FakeGrendel implements AutoCloseable {

  public record Recorded(
      String method, String path, Map<String, String> query, String authorization, String body) {
    /** {@code METHOD path}, for order assertions. */
    public String line() {
      return method + " " + path;
    }
  }

  private record Answer(int status, String body) {}

  private final ApiGeneration generation;
  private final String token;
  private final Map<String, ObjectNode> hosts = new TreeMap<>();
  private final Map<String, ObjectNode> images = new TreeMap<>();
  private final Map<String, String> power = new TreeMap<>();
  private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger unavailableAnswers = new AtomicInteger();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private HttpServer http;
  private ServerSocketChannel unixServer;
  private Thread unixThread;
  private Path socketPath;

  public FakeGrendel(ApiGeneration generation, String token) {
    this.generation = generation;
    this.token = token;
  }

  /** Serves over TCP on 127.0.0.1 with an ephemeral port; returns the base URL. */
  public String startHttp() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::handleHttp);
    http.start();
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** Serves over a unix socket at {@code path}; answers lists with chunked encoding like echo. */
  public void startUnix(Path path) throws IOException {
    socketPath = path;
    unixServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    unixServer.bind(UnixDomainSocketAddress.of(path));
    unixThread = new Thread(this::acceptUnix, "fake-grendel-unix");
    unixThread.setDaemon(true);
    unixThread.start();
  }

  /** The next {@code count} requests get HTTP 503 (to exercise retries). */
  public void failNext(int count) {
    unavailableAnswers.set(count);
  }

  public List<Recorded> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<String> requestLines() {
    return requests().stream().map(Recorded::line).toList();
  }

  public void clearRequests() {
    requests.clear();
  }

  public synchronized Map<String, ObjectNode> hosts() {
    return new TreeMap<>(hosts);
  }

  public synchronized Map<String, ObjectNode> images() {
    return new TreeMap<>(images);
  }

  public synchronized String powerState(String node) {
    return power.getOrDefault(node, "Off");
  }

  // ---- transport ------------------------------------------------------------------------

  private void handleHttp(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    URI uri = exchange.getRequestURI();
    Answer answer =
        handle(
            exchange.getRequestMethod(),
            uri.getPath(),
            uri.getRawQuery(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body);
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void acceptUnix() {
    while (unixServer.isOpen()) {
      try (SocketChannel channel = unixServer.accept()) {
        serveUnix(channel);
      } catch (IOException e) {
        if (unixServer.isOpen()) {
          throw new IllegalStateException("fake Grendel unix socket failed", e);
        }
      }
    }
  }

  private void serveUnix(SocketChannel channel) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    int headerEnd = -1;
    int contentLength = 0;
    while (true) {
      if (channel.read(buffer) < 0) {
        break;
      }
      buffer.flip();
      raw.write(buffer.array(), 0, buffer.limit());
      buffer.clear();
      String text = raw.toString(StandardCharsets.ISO_8859_1);
      if (headerEnd < 0) {
        headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
          for (String line : text.substring(0, headerEnd).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
              contentLength = Integer.parseInt(line.substring(15).trim());
            }
          }
        }
      }
      if (headerEnd >= 0 && raw.size() >= headerEnd + 4 + contentLength) {
        break;
      }
    }
    byte[] bytes = raw.toByteArray();
    String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
    String body = new String(bytes, headerEnd + 4, contentLength, StandardCharsets.UTF_8);
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    URI uri = URI.create(requestLine[1]);
    Answer answer =
        handle(
            requestLine[0],
            uri.getPath(),
            uri.getRawQuery(),
            headers.get("authorization"),
            headers.get("content-type"),
            body);
    byte[] payload = answer.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder response = new StringBuilder();
    response.append("HTTP/1.1 ").append(answer.status()).append(" X\r\n");
    response.append("Content-Type: application/json\r\nConnection: close\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (requestLine[0].equals("GET") && payload.length > 10) {
      // echo streams JSON lists with chunked transfer encoding; split into two chunks
      response.append("Transfer-Encoding: chunked\r\n\r\n");
      out.write(response.toString().getBytes(StandardCharsets.US_ASCII));
      int half = payload.length / 2;
      writeChunk(out, payload, 0, half);
      writeChunk(out, payload, half, payload.length - half);
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      response.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
      out.write(response.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(payload);
    }
    ByteBuffer toSend = ByteBuffer.wrap(out.toByteArray());
    while (toSend.hasRemaining()) {
      channel.write(toSend);
    }
  }

  private static void writeChunk(ByteArrayOutputStream out, byte[] data, int from, int length)
      throws IOException {
    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data, from, length);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  // ---- API ------------------------------------------------------------------------------

  private synchronized Answer handle(
      String method,
      String path,
      String rawQuery,
      String authorization,
      String contentType,
      String body) {
    Map<String, String> query = parseQuery(rawQuery);
    requests.add(new Recorded(method, path, query, authorization, body));
    if (unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new Answer(503, "");
    }
    try {
      return generation == ApiGeneration.LEGACY
          ? legacy(method, path, contentType, body)
          : upstream(method, path, query, authorization, body);
    } catch (IOException e) {
      return error(400, "invalid JSON: " + e.getMessage());
    }
  }

  private Answer legacy(String method, String path, String contentType, String body)
      throws IOException {
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (method.equals("GET") && path.equals("/")) {
      return ok(200, obj().put("status", "up"));
    }
    if (method.equals("POST") && path.equals("/v1/host")) {
      if (contentType == null || !contentType.startsWith("application/json")) {
        return error(400, "Unsupported Media Type");
      }
      ArrayNode list = (ArrayNode) GrendelJson.mapper().readTree(body);
      list.forEach(host -> storeHost((ObjectNode) host, ksuid()));
      return ok(201, obj().put("hosts", list.size()));
    }
    if (method.equals("GET") && path.equals("/v1/host/list")) {
      return ok(200, array(hosts.values()));
    }
    if (path.startsWith("/v1/host/find/")) {
      List<String> names = matching(last);
      if (method.equals("GET")) {
        return ok(200, array(names.stream().map(hosts::get).toList()));
      }
      if (method.equals("DELETE")) {
        names.forEach(hosts::remove);
        return ok(200, obj().put("hosts", names.size()));
      }
    }
    if (method.equals("PUT")
        && (path.startsWith("/v1/host/provision/") || path.startsWith("/v1/host/unprovision/"))) {
      List<String> names = matching(last);
      if (names.isEmpty()) {
        return error(400, "No hosts found in nodeset");
      }
      boolean provision = path.startsWith("/v1/host/provision/");
      names.forEach(name -> hosts.get(name).put("provision", provision));
      return ok(200, obj().put("hosts", names.size()));
    }
    if (method.equals("POST") && path.equals("/v1/bootimage")) {
      ArrayNode list = (ArrayNode) GrendelJson.mapper().readTree(body);
      list.forEach(image -> storeImage((ObjectNode) image, ksuid()));
      return ok(201, obj().put("images", list.size()));
    }
    if (method.equals("GET") && path.equals("/v1/bootimage/list")) {
      return ok(200, array(images.values()));
    }
    if (method.equals("DELETE") && path.startsWith("/v1/bootimage/find/")) {
      if (images.remove(last) == null) {
        return error(404, "image not found");
      }
      return ok(200, obj().put("images", 1));
    }
    return error(404, "Not Found");
  }

  private Answer upstream(
      String method, String path, Map<String, String> query, String authorization, String body)
      throws IOException {
    // like upstream, a server on a unix socket (token null here) skips authentication
    if (token != null && !("Bearer " + token).equals(authorization)) {
      return problem(401, "Unauthorized", "missing or invalid token");
    }
    String nodeset = query.getOrDefault("nodeset", "");
    switch (method + " " + path) {
      case "POST /v1/images" -> {
        JsonNode list = GrendelJson.mapper().readTree(body).path("boot_images");
        list.forEach(image -> storeImage((ObjectNode) image, nextId.getAndIncrement()));
        return changed(list.size());
      }
      case "GET /v1/images" -> {
        return ok(200, array(images.values()));
      }
      case "DELETE /v1/images" -> {
        // like the v0.2 handler, read "name" (the documented "names" is ignored)
        int removed = 0;
        for (String name : query.getOrDefault("name", "").split(",")) {
          removed += images.remove(name) == null ? 0 : 1;
        }
        return changed(removed);
      }
      case "POST /v1/nodes" -> {
        JsonNode list = GrendelJson.mapper().readTree(body).path("node_list");
        for (JsonNode node : list) {
          String image = node.path("boot_image").asText("");
          if (!image.isEmpty() && !images.containsKey(image)) {
            return problem(
                400,
                "Error",
                "boot image does not exist. image="
                    + image
                    + " node="
                    + node.path("name").asText());
          }
        }
        list.forEach(node -> storeHost((ObjectNode) node, nextId.getAndIncrement()));
        return changed(list.size());
      }
      case "GET /v1/nodes" -> {
        return ok(200, array(hosts.values()));
      }
      case "GET /v1/nodes/find" -> {
        return ok(200, array(matching(nodeset).stream().map(hosts::get).toList()));
      }
      case "DELETE /v1/nodes" -> {
        List<String> names = matching(nodeset);
        names.forEach(hosts::remove);
        return changed(names.size());
      }
      case "PATCH /v1/nodes/provision" -> {
        boolean provision = GrendelJson.mapper().readTree(body).path("provision").asBoolean();
        List<String> names = matching(nodeset);
        names.forEach(name -> hosts.get(name).put("provision", provision));
        return changed(names.size());
      }
      case "POST /v1/bmc/power/os" -> {
        String option = GrendelJson.mapper().readTree(body).path("power_option").asText();
        ArrayNode jobs = JsonNodeFactory.instance.arrayNode();
        for (String name : matching(nodeset)) {
          boolean hasBmc = false;
          for (JsonNode nic : hosts.get(name).path("interfaces")) {
            hasBmc |= nic.path("bmc").asBoolean();
          }
          ObjectNode job = jobs.addObject().put("host", name);
          if (!hasBmc) {
            job.put("status", "error").put("msg", "no bmc interface");
            continue;
          }
          power.put(name, option.equals("ForceOff") ? "Off" : "On");
          job.put("status", "success").put("msg", "sent " + option);
        }
        return ok(200, jobs);
      }
      case "GET /v1/bmc" -> {
        ArrayNode systems = JsonNodeFactory.instance.arrayNode();
        for (String name : matching(nodeset)) {
          systems
              .addObject()
              .put("name", name)
              .put("power_status", power.getOrDefault(name, "Off"));
        }
        return ok(200, systems);
      }
      default -> {
        return problem(404, "Not Found", "no route " + method + " " + path);
      }
    }
  }

  private void storeHost(ObjectNode host, Object id) {
    String name = host.path("name").asText().toLowerCase(Locale.ROOT);
    ObjectNode stored = host.deepCopy();
    stored.put("name", name);
    putId(stored, id);
    hosts.put(name, stored);
  }

  private void storeImage(ObjectNode image, Object id) {
    ObjectNode stored = image.deepCopy();
    putId(stored, id);
    images.put(image.path("name").asText(), stored);
  }

  /** Legacy servers return a KSUID string id, v0.2 a number plus a uid; clients ignore both. */
  private static void putId(ObjectNode node, Object id) {
    if (id instanceof Integer number) {
      node.put("id", number);
      node.put("uid", "2ZzzUid" + number);
    } else {
      node.put("id", id.toString());
    }
  }

  private String ksuid() {
    return "2ZzzKsuid" + nextId.getAndIncrement();
  }

  private List<String> matching(String nodeset) {
    if (nodeset.isEmpty()) {
      return new ArrayList<>(hosts.keySet());
    }
    NodeSet wanted = NodeSet.parse(nodeset);
    return hosts.keySet().stream().filter(wanted::contains).toList();
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private static ObjectNode obj() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static ArrayNode array(Iterable<? extends JsonNode> items) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    items.forEach(array::add);
    return array;
  }

  private static Answer ok(int status, JsonNode body) {
    return new Answer(status, body.toString());
  }

  private static Answer changed(int count) {
    return ok(200, obj().put("title", "Success").put("detail", "ok").put("changed", count));
  }

  private static Answer error(int status, String message) {
    return ok(status, obj().put("message", message));
  }

  private static Answer problem(int status, String title, String detail) {
    return ok(status, obj().put("title", title).put("detail", detail).put("status", status));
  }

  @Override
  public void close() throws IOException {
    if (http != null) {
      http.stop(0);
    }
    if (unixServer != null) {
      unixServer.close();
      java.nio.file.Files.deleteIfExists(socketPath);
    }
  }
}

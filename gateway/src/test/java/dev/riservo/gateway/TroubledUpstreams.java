package dev.riservo.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upstreams that misbehave, each behind a route of its own (routes need any valid token):
 *
 * <ul>
 *   <li>{@code /api/slow}: answers only after {@link #SLOW_MILLIS} (the route's timeout is far
 *       shorter), except {@code .../fast}, answered at once;
 *   <li>{@code /api/flaky}: always 500 (what a service answers when a caller's request trips a
 *       bug);
 *   <li>{@code /api/picky}: 500 to {@code .../bad}, 200 to anything else (one caller's bad input);
 *   <li>{@code /api/unavailable}: always 503 (the service itself is in trouble);
 *   <li>{@code /api/recovering}: 503 until healed ({@code POST /__heal/recovering} on the stub);
 *   <li>{@code /api/missing}: always 404 (a client error, not an upstream failure);
 *   <li>{@code /api/dead}: a port where nothing listens;
 *   <li>{@code /api/heavy}: the slow upstream again, on a route of its own with the same timeout;
 *   <li>{@code /api/hangup}: the slow upstream behind the default timeout, longer than it takes:
 *       for a caller who hangs up first.
 * </ul>
 *
 * Calls are counted per upstream and read over HTTP ({@code GET /__calls/<name>} on the stub
 * itself), so the count does not depend on which class loader the test and this resource share.
 */
public class TroubledUpstreams implements QuarkusTestResourceLifecycleManager {

  static final long SLOW_MILLIS = 3_000;

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicBoolean healed = new AtomicBoolean();
  private HttpServer server;
  private ExecutorService executor;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      executor = Executors.newCachedThreadPool();
      server.setExecutor(executor);
      server.createContext("/slow", e -> upstream(e, "slow"));
      server.createContext("/flaky", e -> upstream(e, "flaky"));
      server.createContext("/picky", e -> upstream(e, "picky"));
      server.createContext("/unavailable", e -> upstream(e, "unavailable"));
      server.createContext("/recovering", e -> upstream(e, "recovering"));
      server.createContext("/missing", e -> upstream(e, "missing"));
      server.createContext(
          "/__calls/",
          e -> {
            String name = e.getRequestURI().getPath().substring("/__calls/".length());
            respond(e, 200, Integer.toString(count(name).get()));
          });
      server.createContext(
          "/__heal/recovering",
          e -> {
            healed.set(true);
            respond(e, 204, null);
          });
      server.start();
      int dead;
      try (ServerSocket probe = new ServerSocket(0)) {
        dead = probe.getLocalPort();
      }
      String live = "http://127.0.0.1:" + server.getAddress().getPort();
      Map<String, String> config = new java.util.HashMap<>();
      for (String name :
          new String[] {"slow", "flaky", "picky", "unavailable", "recovering", "missing", "dead"}) {
        config.put("riservo.gateway.routes." + name + ".prefix", "/api/" + name);
        config.put(
            "riservo.gateway.routes." + name + ".upstream",
            name.equals("dead") ? "http://127.0.0.1:" + dead : live + "/" + name);
      }
      config.put("riservo.gateway.routes.slow.timeout", "500MS");
      config.put("riservo.gateway.routes.heavy.prefix", "/api/heavy");
      config.put("riservo.gateway.routes.heavy.upstream", live + "/slow");
      config.put("riservo.gateway.routes.heavy.timeout", "500MS");
      config.put("riservo.gateway.routes.hangup.prefix", "/api/hangup");
      config.put("riservo.gateway.routes.hangup.upstream", live + "/slow");
      return config;
    } catch (IOException e) {
      throw new IllegalStateException("troubled upstreams could not start", e);
    }
  }

  private AtomicInteger count(String name) {
    return calls.computeIfAbsent(name, n -> new AtomicInteger());
  }

  private void upstream(HttpExchange exchange, String name) throws IOException {
    count(name).incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    String echo = "{\"upstream\":\"" + name + "\"}";
    switch (name) {
      case "slow" -> {
        if (!exchange.getRequestURI().getPath().endsWith("/fast")) {
          try {
            Thread.sleep(SLOW_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
          }
        }
        respond(exchange, 200, echo);
      }
      case "flaky" -> respond(exchange, 500, echo);
      case "picky" ->
          respond(exchange, exchange.getRequestURI().getPath().endsWith("/bad") ? 500 : 200, echo);
      case "unavailable" -> respond(exchange, 503, echo);
      case "recovering" -> respond(exchange, healed.get() ? 200 : 503, echo);
      case "missing" -> respond(exchange, 404, echo);
      default -> respond(exchange, 500, echo);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    try {
      if (body == null) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    } catch (IOException gone) {
      // the gateway gave up on this exchange (its timeout): nothing to answer to
    } finally {
      exchange.close();
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}

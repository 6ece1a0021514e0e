package dev.riservo.consent;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in for the notice service's public read of versions in force ({@code GET
 * /v1/public/notices/versions/{id}}), for the consent-service tests: it knows the fixtures' notice
 * (in force since 2020), {@link #LATE_ID} (in force since the stub started), {@link #SLOW} answers
 * after the client's timeout, {@link #BROKEN} answers 500, anything else is 404.
 */
@QuarkusTestResource(NoticeServiceStub.class)
public class NoticeServiceStub implements QuarkusTestResourceLifecycleManager {

  /** The published notice the fixtures present, and its content. */
  public static final String NOTICE_ID = "privacy-it@3";

  public static final String NOTICE_CONTENT =
      "Informativa privacy (versione 3): chi tratta i dati...";
  public static final String NOTICE_HASH = sha256(NOTICE_CONTENT);

  /** A second published version, to show that a hash must match its own version. */
  public static final String OTHER_ID = "privacy-it@2";

  public static final String OTHER_HASH = sha256("Informativa privacy (versione 2)");

  /** What the structured document of {@link #NOTICE_ID} says, repeated by receipts. */
  public static final String CONTROLLER_PHONE = "+39 06 0000 0001";

  public static final String WITHDRAWAL = "Dica all'operatore di revocare, o chiami il numero.";

  /** The purpose the document gives a retention of its own, and that retention. */
  public static final String TERMS_PURPOSE = "receipt-terms";

  public static final String TERMS_RETENTION = "P18M";

  private static final String DOCUMENT =
      "{\"noticeId\":\"privacy-it\",\"language\":\"it\",\"content\":{\"controller\":"
          + "{\"name\":\"Esempio Contatti Srl\",\"address\":\"Via Esempio 1, Roma\","
          + "\"email\":\"privacy@esempio.invalid\",\"phone\":\""
          + CONTROLLER_PHONE
          + "\"},\"purposes\":[{\"id\":\""
          + TERMS_PURPOSE
          + "\",\"retention\":{\"period\":\""
          + TERMS_RETENTION
          + "\"}}],\"recipients\":[{\"name\":\"Partner Esempio Spa\"}],"
          + "\"withdrawConsent\":\""
          + WITHDRAWAL
          + "\"}}";

  /** The structured document's hash of {@link #NOTICE_ID}, accepted as well as the text's. */
  public static final String NOTICE_DOCUMENT_HASH = sha256("{\"controller\":{}}");

  /**
   * A version that took effect when the stub started: a consent given before it names it wrongly.
   */
  public static final String LATE_ID = "privacy-it@4";

  public static final String LATE_HASH = sha256("Informativa privacy (versione 4)");

  private static final String SINCE_2020 = "2020-01-01T00:00:00Z";

  public static final String SLOW = "slow-notice@1";
  public static final String BROKEN = "broken-notice@1";

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    Map<String, String> published =
        Map.of(
            NOTICE_ID,
            version(NOTICE_ID, NOTICE_HASH, NOTICE_DOCUMENT_HASH, SINCE_2020)
                .replace("}", ",\"language\":\"it\",\"document\":" + DOCUMENT + "}"),
            OTHER_ID,
            version(OTHER_ID, OTHER_HASH, null, SINCE_2020),
            LATE_ID,
            version(LATE_ID, LATE_HASH, null, java.time.Instant.now().toString()));
    server.createContext(
        "/v1/public/notices/versions/",
        exchange -> {
          String id =
              exchange.getRequestURI().getPath().substring("/v1/public/notices/versions/".length());
          int status;
          String body;
          if (id.equals(SLOW)) {
            sleep(5_000);
          }
          if (published.containsKey(id)) {
            status = 200;
            body = published.get(id);
          } else if (id.equals(BROKEN)) {
            status = 500;
            body = "{}";
          } else {
            status = 404;
            body = "{\"status\":404}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    staffPolicy(server);
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "quarkus.rest-client.notices.url",
        url,
        "quarkus.rest-client.staff-policy.url",
        url,
        "quarkus.oidc-client.auth-server-url",
        url,
        "quarkus.oidc-client.token-path",
        "/token");
  }

  /** The member of staff who acknowledged the staff policy, and the one who did not. */
  public static final String ACKNOWLEDGED = "agent-acknowledged";

  public static final String NOT_ACKNOWLEDGED = "agent-missing";

  /** How many times the staff policy was asked about (to see answers reused). */
  public static final java.util.concurrent.atomic.AtomicInteger POLICY_CALLS =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * notice-service's {@code /internal/staff-policy/{sub}} (only with a bearer token from {@code
   * /token}, the client-credentials grant), and that token endpoint. Anyone else is 500.
   */
  private static void staffPolicy(HttpServer server) {
    server.createContext(
        "/token",
        exchange ->
            answer(
                exchange,
                200,
                "{\"access_token\":\"stub-service-token\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":300}"));
    server.createContext(
        "/internal/staff-policy/",
        exchange -> {
          POLICY_CALLS.incrementAndGet();
          String sub =
              exchange.getRequestURI().getPath().substring("/internal/staff-policy/".length());
          boolean tokened =
              "Bearer stub-service-token"
                  .equals(exchange.getRequestHeaders().getFirst("Authorization"));
          if (!tokened) {
            answer(exchange, 401, "{}");
          } else if (sub.equals("sub-" + ACKNOWLEDGED) || sub.equals("sub-" + NOT_ACKNOWLEDGED)) {
            boolean allowed = sub.equals("sub-" + ACKNOWLEDGED);
            answer(
                exchange,
                200,
                "{\"allowed\":" + allowed + ",\"reason\":\"x\",\"maxAgeSeconds\":60}");
          } else {
            answer(exchange, 500, "{}");
          }
        });
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String version(
      String id, String contentHash, String documentHash, String effectiveFrom) {
    return "{\"id\":\""
        + id
        + "\",\"contentHash\":\""
        + contentHash
        + (documentHash == null ? "" : "\",\"documentHash\":\"" + documentHash)
        + "\",\"effectiveFrom\":\""
        + effectiveFrom
        + "\"}";
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access log (logger {@code riservo.access}): one line per request with route, status and
 * request id, and never the client's path, query string or body, nor a request id that could carry
 * personal data.
 */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayAccessLogTest {

  private static final String AGENT = TestTokens.bearer("log-agent", "agent");

  @TestHTTPResource("/")
  URL base;

  private final AccessLines lines = new AccessLines();

  @BeforeEach
  void listen() {
    lines.listen();
  }

  @AfterEach
  void stopListening() {
    lines.stopListening();
  }

  @Test
  void oneLinePerRequestWithRouteStatusAndRequestIdButNoBodyOrQuery() throws Exception {
    String proxied = id();
    given()
        .header("Authorization", AGENT)
        .header("X-Request-Id", proxied)
        .contentType("application/json")
        .body("{\"msisdn\":\"SECRET-BODY-39061234567\"}")
        .post("/api/consent/v1/consents?msisdn=SECRET-QUERY-39069999&lang=it")
        .then()
        .statusCode(200);
    String unauthorized = id();
    given()
        .header("X-Request-Id", unauthorized)
        .get("/api/notices/v1/notices?token=SECRET-QUERY-TOKEN")
        .then()
        .statusCode(401);
    String notFound = id();
    given()
        .header("Authorization", AGENT)
        .header("X-Request-Id", notFound)
        .get("/api/consent/internal/x?SECRET-QUERY-INTERNAL")
        .then()
        .statusCode(404);
    String forbidden = id();
    given()
        .header("Authorization", AGENT)
        .header("X-Request-Id", forbidden)
        .contentType("text/csv")
        .body("SECRET-BODY-CSV")
        .post("/api/consent/v1/list-scrubs")
        .then()
        .statusCode(403);

    String proxiedLine = lineFor(proxied);
    assertTrue(proxiedLine.contains("POST /api/consent/* "), proxiedLine);
    assertTrue(proxiedLine.contains("route=consent "), proxiedLine);
    assertTrue(proxiedLine.contains("status=200 "), proxiedLine);
    assertTrue(proxiedLine.matches(".* status=200 ms=\\d+\\.\\d who=.*"), proxiedLine);
    assertTrue(proxiedLine.contains("who=sub-log-agent "), proxiedLine);
    assertTrue(proxiedLine.contains("request=" + proxied), proxiedLine);

    String unauthorizedLine = lineFor(unauthorized);
    assertTrue(unauthorizedLine.contains("GET /api/notices/* "), unauthorizedLine);
    assertTrue(unauthorizedLine.contains("route=notices "), unauthorizedLine);
    assertTrue(unauthorizedLine.contains("status=401 "), unauthorizedLine);
    assertTrue(unauthorizedLine.contains("who=- "), unauthorizedLine);

    String notFoundLine = lineFor(notFound);
    assertTrue(notFoundLine.contains("status=404 "), notFoundLine);

    String forbiddenLine = lineFor(forbidden);
    assertTrue(forbiddenLine.contains("route=consent-scrubs "), forbiddenLine);
    assertTrue(forbiddenLine.contains("status=403 "), forbiddenLine);

    for (String line : lines.all()) {
      assertFalse(line.contains("SECRET"), "no body or query string in: " + line);
      assertFalse(line.contains("?"), "no query string in: " + line);
      assertFalse(line.contains("Bearer") || line.contains("eyJ"), "no token in: " + line);
    }
  }

  @Test
  void aGeneratedRequestIdIsTheOneLogged() throws Exception {
    String id =
        given()
            .header("Authorization", AGENT)
            .get("/api/consent/v1/whoami")
            .then()
            .statusCode(200)
            .extract()
            .header("X-Request-Id");
    String line = lineFor(id);
    assertTrue(line.contains("route=consent status=200 "), line);
  }

  /**
   * A phone number typed into a URL, or sent as the request id, never reaches the log: the line has
   * the route's prefix for the path, and the gateway's own id for an id that is not a UUID (the
   * caller still gets its own id back; the service gets the gateway's).
   */
  @Test
  void aNumberInThePathOrTheRequestIdNeverReachesTheLog() throws Exception {
    String id = id();
    given()
        .header("Authorization", AGENT)
        .header("X-Request-Id", id)
        .get("/api/consent/v1/subjects/+393331234567/consents")
        .then()
        .statusCode(200);
    String line = lineFor(id);
    assertTrue(line.startsWith("GET /api/consent/* route=consent status=200 "), line);

    var response =
        given()
            .header("Authorization", AGENT)
            .header("X-Request-Id", "393339876543")
            .get("/api/consent/v1/whoami");
    response.then().statusCode(200);
    assertEquals("393339876543", response.header("X-Request-Id"), "the caller's id comes back");
    String forwarded = response.jsonPath().getString("requestId");
    assertTrue(
        forwarded.matches("[0-9a-f-]{36}"), "the service got the gateway's id: " + forwarded);
    assertTrue(lineFor(forwarded).contains("route=consent status=200 "));
    for (String logged : lines.all()) {
      assertFalse(logged.contains("393331234567"), logged);
      assertFalse(logged.contains("393339876543"), logged);
    }
  }

  /** A request the gateway refuses for its body size is a request too: it has its line. */
  @Test
  void aRequestRefusedForItsBodySizeIsLoggedToo() throws Exception {
    String id = id();
    RawHttp.Answer answer =
        RawHttp.exchange(
            base,
            "POST /api/consent/v1/consents?SECRET-QUERY HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: "
                + AGENT
                + "\r\n"
                + "X-Request-Id: "
                + id
                + "\r\n"
                + "Content-Length: "
                + (1024 * 1024 + 1)
                + "\r\n"
                + "\r\n",
            new byte[0]);
    assertEquals(413, answer.status());
    String line = lineFor(id);
    assertTrue(line.contains("status=413 "), line);
    assertFalse(line.contains("SECRET"), line);
  }

  private String lineFor(String requestId) throws InterruptedException {
    return lines.lineFor(requestId);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}

package dev.riservo.gateway;

import static dev.riservo.gateway.SecurityHeaderAssertions.assertSecurityHeaders;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.gateway.routing.EdgeRoutes;
import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Upstreams in trouble: a refused connection is a 503 problem with Retry-After at once, a silent
 * upstream a 504 problem after the route's timeout, and an upstream that keeps failing opens the
 * route's circuit: callers get a 503 with Retry-After without the upstream being called at all.
 */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
@TestProfile(TroubledUpstreamsProfile.class)
class GatewayUpstreamFailureTest {

  private static final String AGENT = TestTokens.bearer("trouble-agent", "agent");
  private static final long GENEROUS_MILLIS = 5_000;

  @Inject EdgeRoutes routes;

  @TestHTTPResource("/")
  URL base;

  @ConfigProperty(name = "riservo.gateway.routes.flaky.upstream")
  URI flakyUpstream;

  @Test
  void aDeadUpstreamIsA503ProblemWithRetryAfterAtOnce() {
    long start = System.nanoTime();
    Response response = given().header("Authorization", AGENT).get("/api/dead/v1/whoami");
    long took = (System.nanoTime() - start) / 1_000_000;

    response
        .then()
        .statusCode(503)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(503))
        .body("type", endsWith("upstream-unavailable"));
    assertRetryAfter(response);
    assertTrue(took < GENEROUS_MILLIS, "answered in " + took + " ms");
    assertSecurityHeaders(response);
  }

  @Test
  void aSlowUpstreamIsA504ProblemAfterTheRouteTimeout() {
    // the route works while the upstream answers in time
    given()
        .header("Authorization", AGENT)
        .get("/api/slow/v1/fast")
        .then()
        .statusCode(200)
        .body("upstream", equalTo("slow"));

    long start = System.nanoTime();
    Response response =
        given().header("Authorization", AGENT).get("/api/slow/v1/report?from=2024-01-01");
    long took = (System.nanoTime() - start) / 1_000_000;

    // Had the gateway waited for the stub (3 s), the stub's 200 would have come through.
    response
        .then()
        .statusCode(504)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(504))
        .body("type", endsWith("upstream-timeout"));
    assertTrue(took < GENEROUS_MILLIS, "answered in " + took + " ms");
    assertTrue(response.header("X-Request-Id") != null, "request id on the 504");
    assertSecurityHeaders(response);
  }

  @Test
  void anUpstreamThatKeepsFailingOpensTheCircuitAndIsLeftAlone() {
    int window = TroubledUpstreamsProfile.WINDOW;
    for (int i = 0; i < window; i++) {
      // the upstream's own 503 is passed through while the circuit is closed; each from another
      // caller, as when a service fails for everyone
      given()
          .header("Authorization", caller("unavailable-" + i))
          .get("/api/unavailable/v1/whoami")
          .then()
          .statusCode(503)
          .body("upstream", equalTo("unavailable"));
    }
    assertEquals(window, calls("unavailable"), "every call so far reached the upstream");
    assertEquals("OPEN", routes.breakers().get("unavailable"));

    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      Response response = given().header("Authorization", AGENT).get("/api/unavailable/v1/whoami");
      long took = (System.nanoTime() - start) / 1_000_000;
      response
          .then()
          .statusCode(503)
          .contentType(startsWith("application/problem+json"))
          .body("status", equalTo(503))
          .body("type", endsWith("upstream-unavailable"));
      assertEquals(
          Integer.toString(TroubledUpstreamsProfile.OPEN_FOR_SECONDS),
          response.header("Retry-After"));
      assertTrue(took < GENEROUS_MILLIS, "answered in " + took + " ms");
      assertSecurityHeaders(response);
    }
    assertEquals(
        window, calls("unavailable"), "the open circuit kept every call from the upstream");

    // the circuit is the route's: the other routes are served as before
    given().header("Authorization", AGENT).get("/api/consent/v1/whoami").then().statusCode(200);
    assertEquals("CLOSED", routes.breakers().get("consent"));
  }

  /**
   * A 500 is the service's answer to one request (a caller's malformed input tripping a bug), not a
   * sign that the service is down: however many one caller provokes, everyone else is served.
   */
  @Test
  void oneCallersRequestsAnswered500DoNotOpenTheCircuitForOthers() {
    String careless = caller("careless");
    for (int i = 0; i < TroubledUpstreamsProfile.WINDOW * 5; i++) {
      given()
          .header("Authorization", careless)
          .get("/api/picky/v1/bad")
          .then()
          .statusCode(500)
          .body("upstream", equalTo("picky"));
    }
    given()
        .header("Authorization", caller("bystander"))
        .get("/api/picky/v1/good")
        .then()
        .statusCode(200)
        .body("upstream", equalTo("picky"));
    assertEquals("CLOSED", routes.breakers().get("picky"));
  }

  /**
   * Requests that keep the service busy past the route's timeout may be one caller's doing (an
   * expensive query): one caller's timeouts count for the route only up to a small budget, so they
   * cannot open the circuit for everyone on their own.
   */
  @Test
  void oneCallersTimeoutsDoNotOpenTheCircuitForOthers() {
    String heavy = caller("heavy-reports");
    for (int i = 0; i < TroubledUpstreamsProfile.WINDOW * 2; i++) {
      given()
          .header("Authorization", heavy)
          .get("/api/heavy/v1/report")
          .then()
          .statusCode(504)
          .body("type", endsWith("upstream-timeout"));
    }
    given()
        .header("Authorization", caller("bystander"))
        .get("/api/heavy/v1/fast")
        .then()
        .statusCode(200)
        .body("upstream", equalTo("slow"));
    assertEquals("CLOSED", routes.breakers().get("heavy"));
  }

  @Test
  void anOpenCircuitTriesAgainAfterItsWaitAndClosesWhenTheUpstreamIsBack() throws Exception {
    for (int i = 0; i < TroubledUpstreamsProfile.WINDOW; i++) {
      given()
          .header("Authorization", caller("recovering-" + i))
          .get("/api/recovering/v1/x")
          .then()
          .statusCode(503);
    }
    Response refused = given().header("Authorization", AGENT).get("/api/recovering/v1/x");
    assertEquals(503, refused.statusCode());
    assertEquals("OPEN", routes.breakers().get("recovering"));
    assertRetryAfter(refused);
    int calls = calls("recovering");

    heal();
    // after Retry-After the circuit lets calls through again, and two good ones close it
    long deadline = System.nanoTime() + GENEROUS_MILLIS * 1_000_000;
    int status = 503;
    while (status == 503 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = given().header("Authorization", AGENT).get("/api/recovering/v1/x").statusCode();
    }
    assertEquals(200, status, "the upstream is reached again after the open period");
    given().header("Authorization", AGENT).get("/api/recovering/v1/x").then().statusCode(200);
    assertEquals("CLOSED", routes.breakers().get("recovering"));
    assertEquals(calls + 2, calls("recovering"));
  }

  @Test
  void clientErrorsOfTheUpstreamDoNotOpenTheCircuit() {
    for (int i = 0; i < TroubledUpstreamsProfile.WINDOW * 2; i++) {
      given().header("Authorization", AGENT).get("/api/missing/v1/x").then().statusCode(404);
    }
    assertEquals("CLOSED", routes.breakers().get("missing"));
    assertEquals(TroubledUpstreamsProfile.WINDOW * 2, calls("missing"));
  }

  @Test
  void aTimeoutProblemCarriesNoRetryAfterButTheRequestIdOfTheCaller() {
    Response response =
        given()
            .header("Authorization", AGENT)
            .header("X-Request-Id", "slow-caller-1")
            .get("/api/slow/v1/other");
    assertEquals(504, response.statusCode());
    assertEquals("slow-caller-1", response.header("X-Request-Id"));
    assertNull(response.header("Retry-After"));
  }

  /**
   * Like the gateway's other problems (401, 403, 404, 429, and the 503 of an open circuit), the
   * problems of a failed exchange name the path the client asked for, not the upstream's.
   */
  @Test
  void upstreamFailureProblemsNameThePathTheClientAskedFor() {
    given()
        .header("Authorization", AGENT)
        .get("/api/dead/v1/whoami?x=1")
        .then()
        .statusCode(503)
        .body("instance", equalTo("/api/dead/v1/whoami"));
    given()
        .header("Authorization", AGENT)
        .get("/api/slow/v1/report?from=2024-01-01")
        .then()
        .statusCode(504)
        .body("instance", equalTo("/api/slow/v1/report"));
  }

  /**
   * A caller that hangs up while its request is upstream is no fault of the upstream: its access
   * line says 499 (client closed the request), not a 5xx that would page someone, and the route's
   * circuit does not count it.
   */
  @Test
  void aCallerWhoHangsUpIsLogged499AndNotHeldAgainstTheUpstream() throws Exception {
    AccessLines lines = new AccessLines();
    lines.listen();
    try {
      float failureRate = routes.failureRate("hangup");
      String requestId = UUID.randomUUID().toString();
      try (Socket socket = new Socket(base.getHost(), base.getPort())) {
        socket
            .getOutputStream()
            .write(
                ("GET /api/hangup/v1/report HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                        + AGENT
                        + "\r\nX-Request-Id: "
                        + requestId
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        Thread.sleep(150);
      }
      String line = lines.lineFor(requestId);
      assertTrue(line.contains("route=hangup status=499 "), line);
      assertEquals(failureRate, routes.failureRate("hangup"), "the breaker's failure rate");
    } finally {
      lines.stopListening();
    }
  }

  private static String caller(String name) {
    return TestTokens.bearer(name, "agent");
  }

  private static void assertRetryAfter(Response response) {
    String retryAfter = response.header("Retry-After");
    assertTrue(retryAfter != null && retryAfter.matches("\\d+"), "Retry-After: " + retryAfter);
    assertTrue(Long.parseLong(retryAfter) >= 1, "Retry-After: " + retryAfter);
  }

  private int calls(String upstream) {
    return Integer.parseInt(
        given().get(stub("/__calls/" + upstream)).then().statusCode(200).extract().asString());
  }

  private void heal() {
    given().post(stub("/__heal/recovering")).then().statusCode(204);
  }

  private String stub(String path) {
    return "http://" + flakyUpstream.getHost() + ":" + flakyUpstream.getPort() + path;
  }
}

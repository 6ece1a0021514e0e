package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Correlation at the edge: the request id (kept if well formed, made otherwise) on every response
 * and upstream, and the client address as the gateway saw it, whatever the client claims in
 * X-Forwarded-For. (The W3C trace context: {@link GatewayTracingTest}.)
 */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayCorrelationTest {

  private static final String SAFE_ID = "^[A-Za-z0-9._:-]{1,64}$";
  private static final String AGENT = TestTokens.bearer("corr-agent", "agent");

  @Test
  void everyResponseCarriesARequestIdProxiedOrNot() {
    Set<String> seen = new HashSet<>();
    List<Response> responses =
        List.of(
            given().header("Authorization", AGENT).get("/api/consent/v1/whoami"),
            given().get("/api/consent/v1/receipts/jwks"),
            given().get("/api/consent/v1/whoami"), // 401
            given().header("Authorization", AGENT).get("/api/nowhere"), // 404
            given().header("Authorization", AGENT).get("/api/rights/v1/whoami"), // 503
            given().get("/not-api")); // not under /api at all
    for (Response response : responses) {
      String id = response.header("X-Request-Id");
      assertTrue(id != null && id.matches(SAFE_ID), "request id on " + response.statusLine());
      seen.add(id);
    }
    assertEquals(responses.size(), seen.size(), "each request has its own id");
  }

  @Test
  void aUuidRequestIdIsEchoedAndReachesTheUpstream() {
    String id = "0b6f4c1e-9d2a-4f3b-8c7d-5e6f7a8b9c0d";
    given()
        .header("Authorization", AGENT)
        .header("X-Request-Id", id)
        .get("/api/consent/v1/whoami")
        .then()
        .statusCode(200)
        .header("X-Request-Id", id)
        .body("requestId", equalTo(id));
  }

  /**
   * Any other well-formed id is echoed to its caller, but could hold personal data (a phone number,
   * a name): the service gets, and the log writes, the gateway's own id instead.
   */
  @Test
  void anotherWellFormedRequestIdIsEchoedButTheUpstreamGetsTheGatewaysOwn() {
    String id = "client-4711.retry:2_x";
    String forwarded =
        given()
            .header("Authorization", AGENT)
            .header("X-Request-Id", id)
            .get("/api/consent/v1/whoami")
            .then()
            .statusCode(200)
            .header("X-Request-Id", id)
            .extract()
            .jsonPath()
            .getString("requestId");
    assertTrue(
        forwarded.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        forwarded);
  }

  @Test
  void aWellFormedRequestIdIsEchoedOnTheGatewaysOwnProblemsToo() {
    given()
        .header("X-Request-Id", "abc-401")
        .get("/api/consent/v1/whoami")
        .then()
        .statusCode(401)
        .header("X-Request-Id", "abc-401");
  }

  @Test
  void aMalformedRequestIdIsReplaced() {
    for (String bad :
        List.of(
            "x".repeat(200),
            "has spaces in it",
            "semi;colon",
            "new\\nline",
            "<script>",
            "x".repeat(65))) {
      Response response =
          given()
              .header("Authorization", AGENT)
              .header("X-Request-Id", bad)
              .get("/api/consent/v1/whoami");
      assertEquals(200, response.statusCode());
      String id = response.header("X-Request-Id");
      assertNotEquals(bad, id);
      assertTrue(id != null && id.matches(SAFE_ID), "a fresh, safe id instead of " + bad);
      assertEquals(id, response.jsonPath().getString("requestId"), "the upstream got the new id");
    }
  }

  @Test
  void aSpoofedForwardedForFromAnUntrustedClientIsReplacedByTheRealAddress() {
    given()
        .header("Authorization", AGENT)
        .header("X-Forwarded-For", "203.0.113.66")
        .header("Forwarded", "for=203.0.113.67;proto=https")
        .get("/api/consent/v1/whoami")
        .then()
        .statusCode(200)
        .body("xForwardedFor", equalTo("127.0.0.1"))
        .body("forwarded", equalTo(null));
    // a list, as a chain of proxies would send it, is replaced too (not appended to)
    given()
        .header("X-Forwarded-For", "203.0.113.66, 198.51.100.7")
        .get("/api/consent/v1/receipts/jwks")
        .then()
        .statusCode(200)
        .body("xForwardedFor", equalTo("127.0.0.1"));
  }

  @Test
  void withoutAnyForwardedForTheUpstreamStillLearnsTheClientAddress() {
    given()
        .header("Authorization", AGENT)
        .get("/api/consent/v1/whoami")
        .then()
        .statusCode(200)
        .body("xForwardedFor", notNullValue())
        .body("xForwardedFor", equalTo("127.0.0.1"));
  }
}

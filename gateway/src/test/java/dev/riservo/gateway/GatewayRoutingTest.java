package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.gateway.config.GatewayConfig;
import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayRoutingTest {

  private static final String AGENT = TestTokens.bearer("agent", "agent");

  @Inject GatewayConfig config;

  @Test
  void validTokenIsProxiedWithThePrefixStrippedAndTheTokenPassedOn() {
    given()
        .header("Authorization", AGENT)
        .get("/api/consent/v1/whoami")
        .then()
        .statusCode(200)
        .body("method", equalTo("GET"))
        .body("uri", equalTo("/v1/whoami"))
        .body("bearer", equalTo(true))
        .body("internalHeaders", equalTo(false));
  }

  @Test
  void anAuditVerificationGoesToItsServiceOnTheAuditRoute() {
    given()
        .header("Authorization", AGENT)
        .post("/api/consent/v1/audit/verifications")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/v1/audit/verifications"));
    given()
        .header("Authorization", AGENT)
        .get("/api/notices/v1/audit/verifications/42")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/base/v1/audit/verifications/42"));
    // verifications answer at once and report progress: no route waits longer than the default
    for (String route : List.of("consent-audit", "rights-audit", "notices-audit")) {
      assertEquals(Duration.ofSeconds(10), config.routes().get(route).timeout(), route);
    }
  }

  @Test
  void queryStringAndUpstreamBasePathAreKept() {
    given()
        .header("Authorization", AGENT)
        .get("/api/notices/v1/notices?lang=it")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/base/v1/notices?lang=it"));
  }

  @Test
  void requestBodyReachesTheUpstream() {
    given()
        .header("Authorization", AGENT)
        .contentType("application/json")
        .body("{\"purpose\":\"telemarketing\"}")
        .post("/api/consent/v1/consents")
        .then()
        .statusCode(200)
        .body("method", equalTo("POST"))
        .body("body", equalTo("{\"purpose\":\"telemarketing\"}"));
  }

  @Test
  void noTokenIs401ProblemAndTheUpstreamIsNotCalled() {
    int before = StubUpstreams.CALLS.get();
    given()
        .get("/api/consent/v1/whoami")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("status", equalTo(401));
    assertEquals(before, StubUpstreams.CALLS.get());
  }

  @Test
  void invalidTokenIs401() {
    int before = StubUpstreams.CALLS.get();
    given()
        .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.")
        .post("/api/consent/v1/consents")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
    assertEquals(before, StubUpstreams.CALLS.get());
  }

  @Test
  void internalContractsAreNeverForwarded() {
    int before = StubUpstreams.CALLS.get();
    given()
        .header("Authorization", TestTokens.bearer("rights", "service"))
        .get("/api/consent/internal/subject-data/x")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    given().delete("/api/consent/internal/subject-data/x").then().statusCode(404);
    assertEquals(before, StubUpstreams.CALLS.get());
  }

  @Test
  void theReceiptsJwksIsPublic() {
    given()
        .get("/api/consent/v1/receipts/jwks")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/v1/receipts/jwks"))
        .body("bearer", equalTo(false));
  }

  @Test
  void aPathThatOnlyStartsLikeAPublicOneIsNotPublic() {
    given().get("/api/consent/v1/receipts/jwks/../1").then().statusCode(401);
    given().get("/api/consent/v1/receipts/jwksx").then().statusCode(401);
  }

  @Test
  void aPrefixThatOnlyLooksAlikeIsNotRouted() {
    given().header("Authorization", AGENT).get("/api/consentx/v1/whoami").then().statusCode(404);
  }

  @Test
  void theGatewayServesNoApiOfItsOwn() {
    // service-identity is on the gateway's path for its span processor, not for its whoami
    given().header("Authorization", AGENT).get("/v1/whoami").then().statusCode(404);
  }

  @Test
  void deadUpstreamAnswersServiceUnavailableInsteadOfHanging() {
    given()
        .header("Authorization", AGENT)
        .get("/api/rights/v1/whoami")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
  }
}

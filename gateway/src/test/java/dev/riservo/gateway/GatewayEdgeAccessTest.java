package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who gets in at the edge: public paths, tokens, internal contracts and the routes' roles. */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayEdgeAccessTest {

  private static final String AGENT = TestTokens.bearer("edge-agent", "agent");
  private static final String SUPERVISOR = TestTokens.bearer("edge-supervisor", "supervisor");
  private static final String DPO = TestTokens.bearer("edge-dpo", "dpo");

  /** One path under every route of the table (the rights upstream is dead: 401 comes first). */
  private static final List<String> CLOSED_PATHS =
      List.of(
          "/api/consent/v1/whoami",
          "/api/consent/v1/receipts",
          "/api/consent/v1/rpo/consultations",
          "/api/consent/v1/list-scrubs",
          "/api/rights/v1/requests",
          "/api/notices/v1/notices");

  @Test
  void thePublicJwksIsOpenWithoutAToken() {
    given()
        .get("/api/consent/v1/receipts/jwks")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/v1/receipts/jwks"))
        .body("bearer", equalTo(false));
  }

  @Test
  void noticesInForceAreReadWithoutATokenUnderThePublicPrefixOnly() {
    for (String path :
        List.of(
            "/api/notices/v1/public/notices/outbound-call/current?language=it",
            "/api/notices/v1/public/notices/versions/outbound-call@3")) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          // RestAssured sends the @ of a version id percent-encoded
          .body(
              "uri", equalTo("/base" + path.substring("/api/notices".length()).replace("@", "%40")))
          .body("bearer", equalTo(false));
    }
    int before = StubUpstreams.CALLS.get();
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/notices/v1/public/notices/outbound-call/current")
        .then()
        .statusCode(401);
    assertEquals(before, StubUpstreams.CALLS.get(), "no write reached the notice service");
  }

  /** Issue 15: drafts, diffs and every other notice read need a token at the edge. */
  @Test
  void aDraftFetchedWithoutATokenIs401() {
    int before = StubUpstreams.CALLS.get();
    for (String path :
        List.of(
            "/api/notices/v1/notices/outbound-call/drafts",
            "/api/notices/v1/notices/outbound-call/drafts/6f1c1e5a-0000-4000-8000-000000000001",
            "/api/notices/v1/notices/outbound-call/versions/2/diff?against=1",
            "/api/notices/v1/notices/outbound-call/versions/1",
            "/api/notices/v1/notices/outbound-call/versions",
            "/api/notices/v1/notices/versions/outbound-call@1",
            "/api/notices/v1/notices/outbound-call/current?language=it",
            "/api/notices/v1/notices/outbound-call",
            // not a way round: the gateway matches the normalised path
            "/api/notices/v1/public/../notices/outbound-call/drafts",
            "/api/notices/v1/publicx/notices/outbound-call/drafts",
            "/api/notices/v1/public")) {
      given()
          .urlEncodingEnabled(false)
          .get(path)
          .then()
          .statusCode(401)
          .contentType(startsWith("application/problem+json"))
          .header("WWW-Authenticate", startsWith("Bearer"));
    }
    assertEquals(
        before, StubUpstreams.CALLS.get(), "no token-less read reached the notice service");
    given()
        .header("Authorization", AGENT)
        .get("/api/notices/v1/notices/outbound-call/drafts")
        .then()
        .statusCode(200)
        .body("bearer", equalTo(true));
  }

  @Test
  void publicPathsAreReadOnly() {
    int before = StubUpstreams.CALLS.get();
    for (String method : List.of("POST", "PUT", "DELETE")) {
      given().request(method, "/api/consent/v1/receipts/jwks").then().statusCode(401);
      given().request(method, "/api/docs/consent").then().statusCode(401);
    }
    assertEquals(before, StubUpstreams.CALLS.get(), "no write to a public path was forwarded");
  }

  @Test
  void anEncodedSlashIsRefusedAtTheEdge() {
    int before = StubUpstreams.CALLS.get();
    for (String path :
        List.of(
            "/api/consent/internal%2Fsubject-data/search",
            "/api/consent/%2Finternal/subject-data/search",
            "/api/consent/v1%2fwhoami",
            "/api/consent/v1%5Cwhoami")) {
      given()
          .urlEncodingEnabled(false)
          .header("Authorization", AGENT)
          .get(path)
          .then()
          .statusCode(404)
          .contentType(startsWith("application/problem+json"));
    }
    assertEquals(before, StubUpstreams.CALLS.get(), "nothing with an encoded slash was forwarded");
  }

  @Test
  void everyOtherRouteIsClosedWithA401ProblemAndABearerChallenge() {
    int before = StubUpstreams.CALLS.get();
    for (String path : CLOSED_PATHS) {
      for (String method : List.of("GET", "POST")) {
        given()
            .request(method, path)
            .then()
            .statusCode(401)
            .contentType(startsWith("application/problem+json"))
            .header("WWW-Authenticate", startsWith("Bearer"))
            .body("status", equalTo(401))
            .body("type", endsWith("unauthorized"));
      }
    }
    assertEquals(before, StubUpstreams.CALLS.get(), "no upstream was called");
  }

  @Test
  void internalPathsAre404EvenWithATokenOfEveryRole() {
    String all = TestTokens.bearer("edge-all", "agent", "supervisor", "dpo", "admin", "service");
    int before = StubUpstreams.CALLS.get();
    for (String path :
        List.of(
            "/api/consent/internal/subject-data/x",
            "/api/consent/internal",
            "/api/consent/v1/internal/anything",
            "/api/rights/internal/erasures",
            "/api/notices/internal/x")) {
      given()
          .header("Authorization", all)
          .get(path)
          .then()
          .statusCode(404)
          .contentType(startsWith("application/problem+json"))
          .body("status", equalTo(404));
    }
    assertEquals(before, StubUpstreams.CALLS.get(), "no upstream was called");
  }

  @Test
  void anAgentIsForbiddenOnTheRegisterAndTheListScrubs() {
    int before = StubUpstreams.CALLS.get();
    for (String path :
        List.of("/api/consent/v1/rpo/consultations", "/api/consent/v1/list-scrubs")) {
      given()
          .header("Authorization", AGENT)
          .contentType("text/csv")
          .body("39061234567\n")
          .post(path)
          .then()
          .statusCode(403)
          .contentType(startsWith("application/problem+json"))
          .body("status", equalTo(403))
          .body("type", endsWith("forbidden"));
    }
    assertEquals(before, StubUpstreams.CALLS.get(), "no upstream was called");
  }

  @Test
  void aSupervisorOrADpoPassesTheRegisterAndTheListScrubs() {
    int before = StubUpstreams.CALLS.get();
    for (String token : List.of(SUPERVISOR, DPO)) {
      given()
          .header("Authorization", token)
          .contentType("text/csv")
          .body("39061234567\n")
          .post("/api/consent/v1/rpo/consultations")
          .then()
          .statusCode(200)
          .body("uri", equalTo("/v1/rpo/consultations"))
          .body("body", equalTo("39061234567\n"));
      given()
          .header("Authorization", token)
          .contentType("text/csv")
          .body("39061234567\n")
          .post("/api/consent/v1/list-scrubs/imports")
          .then()
          .statusCode(200)
          .body("uri", equalTo("/v1/list-scrubs/imports"));
      given()
          .header("Authorization", token)
          .contentType("text/csv")
          .body("39061234567\n")
          .post("/api/consent/v1/list-scrubs")
          .then()
          .statusCode(200);
    }
    // the stub's counter is seen from the test (so the "not called" checks are not vacuous)
    assertEquals(before + 6, StubUpstreams.CALLS.get(), "every admitted call reached the stub");
  }

  /**
   * Quarkus REST drops matrix parameters before it matches a path, so {@code
   * /internal;x=1/subject-data/x} at the upstream is {@code /internal/subject-data/x}: the gateway
   * must not forward it either.
   */
  @Test
  void anInternalPathBehindAMatrixParameterIs404Too() {
    String service = TestTokens.bearer("edge-service", "service");
    int before = StubUpstreams.CALLS.get();
    for (String path :
        List.of(
            "/api/consent/internal;x=1/subject-data/x",
            "/api/consent/internal;/subject-data/x",
            "/api/consent/v1/internal;a=b")) {
      given()
          .urlEncodingEnabled(false)
          .header("Authorization", service)
          .get(path)
          .then()
          .statusCode(404);
    }
    assertEquals(before, StubUpstreams.CALLS.get(), "no upstream was called");
  }

  @Test
  void anAgentStillReachesTheBroaderConsentRoute() {
    given()
        .header("Authorization", AGENT)
        .get("/api/consent/v1/rpo-status")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/v1/rpo-status"));
  }

  @Test
  void aTokenWithNoKnownRoleIsForbidden() {
    int before = StubUpstreams.CALLS.get();
    for (String token :
        List.of(TestTokens.bearer("edge-guest", "guest"), TestTokens.bearer("edge-none"))) {
      given()
          .header("Authorization", token)
          .get("/api/consent/v1/whoami")
          .then()
          .statusCode(403)
          .contentType(startsWith("application/problem+json"))
          .body("status", equalTo(403));
    }
    assertEquals(before, StubUpstreams.CALLS.get(), "no upstream was called");
  }
}

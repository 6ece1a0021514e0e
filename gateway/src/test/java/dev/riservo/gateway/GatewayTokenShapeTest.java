package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.gateway.routing.EdgeAuthentication;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Riservo uses signed JWTs only: any other bearer value is refused at the edge with the 401
 * problem, before Quarkus OIDC sees it (so no token introspection at Keycloak is ever tried), and
 * without an error in the log.
 */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayTokenShapeTest {

  private static final List<String> NOT_JWTS =
      List.of(
          "not-a-jwt",
          "opaque-0123456789abcdef0123456789abcdef",
          "a.b",
          "a.b.c.d",
          "eyJhbGciOiJub25lIn0.e30.",
          "aaa.bbb.c c",
          "x".repeat(7_000));

  @Test
  void anyBearerValueThatIsNotAValidJwtIs401ProblemWithoutAnErrorInTheLog() {
    List<LogRecord> errors = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
              errors.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      int before = StubUpstreams.CALLS.get();
      int oidcBefore = OidcAttempts.FAILED.get();
      for (String value : NOT_JWTS) {
        given()
            .header("Authorization", "Bearer " + value)
            .get("/api/consent/v1/whoami")
            .then()
            .statusCode(401)
            .contentType(startsWith("application/problem+json"))
            .header("WWW-Authenticate", startsWith("Bearer"))
            .body("status", equalTo(401));
      }
      assertEquals(before, StubUpstreams.CALLS.get(), "nothing reached the upstream (nor OIDC)");
      assertEquals(oidcBefore, OidcAttempts.FAILED.get(), "OIDC was not asked to verify them");
    } finally {
      root.removeHandler(capture);
    }
    assertTrue(
        errors.isEmpty(), "error lines: " + errors.stream().map(LogRecord::getMessage).toList());
  }

  @Test
  void onlyThreeBase64UrlSegmentsLookLikeAJwt() {
    assertTrue(EdgeAuthentication.isJwt("aa.bb.cc"));
    assertFalse(EdgeAuthentication.isJwt("aa.bb."));
    assertFalse(EdgeAuthentication.isJwt("aa.bb"));
    assertFalse(EdgeAuthentication.isJwt("aa.b+b.cc"));
  }
}

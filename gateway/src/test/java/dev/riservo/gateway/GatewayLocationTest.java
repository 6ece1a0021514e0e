package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A service's {@code Location} reaches the client in the gateway's public form: the services'
 * internal addresses never leave the gateway.
 */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayLocationTest {

  private static final String AGENT = TestTokens.bearer("location-agent", "agent");

  @ConfigProperty(name = "riservo.gateway.routes.consent.upstream")
  URI consent;

  @Test
  void aServicesAbsoluteLocationIsRewrittenToThePublicPath() {
    assertEquals(
        "/api/consent/v1/consents/7?view=receipt",
        location("/api/consent/v1/consents", internal("/v1/consents/7?view=receipt")));
  }

  @Test
  void aServicesPathOnlyLocationIsRewrittenToThePublicPath() {
    assertEquals(
        "/api/consent/v1/audit/verifications/42",
        location("/api/consent/v1/audit/verifications", "/v1/audit/verifications/42"));
  }

  @Test
  void aLocationUnderARoutesBasePathGoesThroughThatRoute() {
    // notices is served from <stub>/base: the service's /base/v1/... is the public
    // /api/notices/v1/...
    assertEquals(
        "/api/notices/v1/notices/3",
        location("/api/notices/v1/notices", internal("/base/v1/notices/3")));
  }

  @Test
  void aLocationOnAnotherHostIsLeftAlone() {
    String elsewhere = "https://sign-in.example.org/realms/riservo";
    assertEquals(elsewhere, location("/api/consent/v1/consents", elsewhere));
  }

  @Test
  void aLocationThatIsNotAUriIsDropped() {
    assertNull(location("/api/consent/v1/consents", "http://[not a uri"));
  }

  private String internal(String path) {
    return "http://" + consent.getHost() + ":" + consent.getPort() + path;
  }

  private String location(String path, String given) {
    return given()
        .header("Authorization", AGENT)
        .header("X-Stub-Location", given)
        .post(path)
        .then()
        .statusCode(200)
        .extract()
        .header("Location");
  }
}

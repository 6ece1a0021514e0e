package dev.riservo.identity.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/whoami} proves the token path end to end; each service runs this contract. */
public abstract class WhoAmIContract {

  /** The service's {@code quarkus.application.name}. */
  protected abstract String service();

  @Test
  void agentTokenGetsPrincipalAndRiservoRolesOnly() {
    given()
        .header("Authorization", TestTokens.bearer("agent", "agent", "offline_access"))
        .get("/v1/whoami")
        .then()
        .statusCode(200)
        .body("principal", equalTo("agent"))
        .body("roles", contains("agent"))
        .body("service", equalTo(service()));
  }

  @Test
  void serviceClientTokenIsRecognised() {
    given()
        .header("Authorization", TestTokens.bearer("service-account-gateway", "service"))
        .get("/v1/whoami")
        .then()
        .statusCode(200)
        .body("roles", contains("service"));
  }

  @Test
  void noTokenIs401ProblemWithBearerChallenge() {
    given()
        .get("/v1/whoami")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", startsWith("Bearer"));
  }

  @Test
  void garbageTokenIs401() {
    given()
        .header("Authorization", "Bearer not.a.token")
        .get("/v1/whoami")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void tokenSignedByAnotherKeyIs401() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String forged =
        Jwt.issuer("https://keycloak.test/realms/riservo")
            .preferredUserName("agent")
            .claim("realm_access", java.util.Map.of("roles", java.util.List.of("agent")))
            .sign(generator.generateKeyPair().getPrivate());
    given().header("Authorization", "Bearer " + forged).get("/v1/whoami").then().statusCode(401);
  }

  @Test
  void expiredTokenIs401() {
    String expired =
        Jwt.issuer("https://keycloak.test/realms/riservo")
            .preferredUserName("agent")
            .claim("realm_access", java.util.Map.of("roles", java.util.List.of("agent")))
            .issuedAt(java.time.Instant.now().minusSeconds(3600))
            .expiresAt(java.time.Instant.now().minusSeconds(1800))
            .sign();
    given().header("Authorization", "Bearer " + expired).get("/v1/whoami").then().statusCode(401);
  }

  @Test
  void tokenWithoutRiservoRoleIs403() {
    given()
        .header("Authorization", TestTokens.bearer("nobody"))
        .get("/v1/whoami")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
  }
}

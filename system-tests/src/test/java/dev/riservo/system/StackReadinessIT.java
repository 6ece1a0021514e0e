package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every component of the stack reports ready. */
class StackReadinessIT {

  static final java.util.List<Integer> MANAGEMENT_PORTS = Stack.MANAGEMENT_PORTS;

  @Test
  void keycloakServesTheRiservoRealm() {
    given()
        .get(Stack.KEYCLOAK + "/realms/riservo/.well-known/openid-configuration")
        .then()
        .statusCode(200)
        .body("issuer", equalTo(Stack.KEYCLOAK + "/realms/riservo"));
  }

  @ParameterizedTest(name = "management port {0} is ready")
  @FieldSource("MANAGEMENT_PORTS")
  void everyApplicationIsReadyAndLive(int port) {
    given()
        .get("http://localhost:" + port + "/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
    given()
        .get("http://localhost:" + port + "/q/health/live")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
  }
}

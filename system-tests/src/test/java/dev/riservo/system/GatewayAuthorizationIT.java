package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Real Keycloak tokens through the gateway to every service: 401 without a token, 403 with the
 * wrong role, 200 with the right one.
 */
class GatewayAuthorizationIT {

  static final Set<String> PREFIXES = Stack.SERVICES.keySet();

  @ParameterizedTest(name = "{0}: no token is 401")
  @FieldSource("PREFIXES")
  void noTokenIs401(String prefix) {
    given()
        .get(Stack.GATEWAY + prefix + "/v1/whoami")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", startsWith("Bearer"));
  }

  @ParameterizedTest(name = "{0}: a forged token is 401")
  @FieldSource("PREFIXES")
  void tamperedTokenIs401(String prefix) {
    String token = Stack.userToken("agent");
    String tampered = token.substring(0, token.length() - 4) + "AAAA";
    given()
        .header("Authorization", "Bearer " + tampered)
        .get(Stack.GATEWAY + prefix + "/v1/whoami")
        .then()
        .statusCode(401);
  }

  @ParameterizedTest(name = "{0}: agent gets whoami")
  @FieldSource("PREFIXES")
  void agentTokenIs200(String prefix) {
    given()
        .header("Authorization", "Bearer " + Stack.userToken("agent"))
        .get(Stack.GATEWAY + prefix + "/v1/whoami")
        .then()
        .statusCode(200)
        .body("principal", equalTo("agent"))
        .body("roles", contains("agent"))
        .body("service", equalTo(Stack.SERVICES.get(prefix)));
  }

  @ParameterizedTest(name = "{0}: a service client gets whoami")
  @FieldSource("PREFIXES")
  void serviceClientTokenIs200(String prefix) {
    given()
        .header("Authorization", "Bearer " + Stack.clientToken("subject-rights-service"))
        .get(Stack.GATEWAY + prefix + "/v1/whoami")
        .then()
        .statusCode(200)
        .body("roles", contains("service"));
  }

  @ParameterizedTest(name = "{0}: a user without a Riservo role is 403")
  @FieldSource("PREFIXES")
  void userWithoutRoleIs403(String prefix) {
    given()
        .header("Authorization", "Bearer " + Stack.userToken("nobody"))
        .get(Stack.GATEWAY + prefix + "/v1/whoami")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
  }

  @ParameterizedTest(name = "{0}: the agent may not verify the audit trail (403), the DPO may")
  @FieldSource("PREFIXES")
  void wrongRoleIs403AndRightRoleIs200(String prefix) {
    given()
        .header("Authorization", "Bearer " + Stack.userToken("agent"))
        .post(Stack.GATEWAY + prefix + "/v1/audit/verifications")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
    AuditVerifications.verify(Stack.GATEWAY + prefix, "Bearer " + Stack.userToken("dpo"))
        .then()
        .statusCode(200)
        .body("state", equalTo("FINISHED"))
        .body("result.intact", equalTo(true));
  }
}

package dev.riservo.identity.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;

/**
 * Verifies a service's audit trail the way a DPO's client does: {@code POST
 * /v1/audit/verifications}, then {@code GET} its Location until it is no longer RUNNING. For the
 * services' {@code @QuarkusTest} tests.
 */
public final class AuditVerificationClient {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private AuditVerificationClient() {}

  /**
   * Starts a verification as the DPO, waits for it to finish, and answers its final status rooted
   * at its verdict: {@code verify().body("intact", equalTo(true))}.
   */
  public static ValidatableResponse verify() {
    return verify(TestTokens.bearer("dpo", "dpo"));
  }

  /** The same with the given {@code Authorization} value. */
  public static ValidatableResponse verify(String bearer) {
    return finished(bearer, start(bearer))
        .then()
        .statusCode(200)
        .body("state", equalTo("FINISHED"))
        .rootPath("result");
  }

  /** Starts (or joins) a verification; answers its Location. */
  public static String start(String bearer) {
    Response started = given().header("Authorization", bearer).post("/v1/audit/verifications");
    assertEquals(202, started.statusCode(), started.asString());
    String location = started.header("Location");
    assertNotNull(location, "a started verification names its Location");
    return location;
  }

  /** Polls the verification at {@code location} until it is no longer RUNNING. */
  public static Response finished(String bearer, String location) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      Response status = given().header("Authorization", bearer).get(location);
      if (status.statusCode() != 200 || !"RUNNING".equals(status.path("state"))) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        fail("the audit verification still runs after " + PATIENCE + ": " + status.asString());
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for the audit verification");
      }
    }
  }
}

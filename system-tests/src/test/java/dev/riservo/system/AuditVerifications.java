package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.response.Response;
import java.time.Duration;

/**
 * Verifies a service's audit trail as the DPO's client does: {@code POST
 * <base>/v1/audit/verifications} (202), then {@code GET <base>/v1/audit/verifications/{id}} until
 * it is no longer RUNNING. {@code base} is a service's public prefix, e.g. the gateway's {@code
 * /api/consent}.
 */
final class AuditVerifications {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private AuditVerifications() {}

  /** Starts (or joins) a verification and answers its final status. */
  static Response verify(String base, String bearer) {
    Response started =
        given().header("Authorization", bearer).post(base + "/v1/audit/verifications");
    assertEquals(202, started.statusCode(), started.asString());
    String id = started.path("id");
    String location = started.header("Location");
    assertTrue(
        location != null && location.endsWith("/v1/audit/verifications/" + id),
        "Location names the verification: " + location);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      Response status =
          given().header("Authorization", bearer).get(base + "/v1/audit/verifications/" + id);
      if (status.statusCode() != 200 || !"RUNNING".equals(status.path("state"))) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        fail("the audit verification still runs after " + PATIENCE + ": " + status.asString());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for the audit verification");
      }
    }
  }
}

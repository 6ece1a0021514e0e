package dev.riservo.notice.acknowledgements;

import static dev.riservo.notice.acknowledgements.StaffNotices.ack;
import static dev.riservo.notice.acknowledgements.StaffNotices.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import dev.riservo.notice.acknowledgements.StaffNotices.Published;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The staff policy enforced ({@code riservo.notice.staff-policy.enforce=true}): what
 * consent-service reads before a dial check or a consent, and how long it may keep the answer.
 */
@QuarkusTest
@TestProfile(EnforcedStaffPolicyTest.Enforced.class)
class EnforcedStaffPolicyTest {

  static final String POLICY = "staff-policy-enforced";

  public static class Enforced implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "riservo.notice.staff-policy.enforce",
          "true",
          "riservo.notice.staff-policy.notice-id",
          POLICY);
    }
  }

  static String service() {
    return TestTokens.bearer("service-account-consent-service", "service");
  }

  @Test
  @DisplayName("staff policy enforced: refused until the version in force is acknowledged")
  void refusedUntilAcknowledged() {
    String path = "/internal/staff-policy/sub-kim-agent";
    // no policy published yet: nothing to acknowledge
    as(service())
        .get(path)
        .then()
        .statusCode(200)
        .body("enforced", equalTo(true))
        .body("allowed", equalTo(true))
        .body("reason", equalTo("NO_VERSION_IN_FORCE"));

    StaffNotices.define(POLICY, "STAFF");
    Published v1 = StaffNotices.publish(POLICY, "it", null);
    StaffNotices.awaitInstant(v1.effectiveFrom());
    as(service())
        .get(path)
        .then()
        .statusCode(200)
        .header("Cache-Control", equalTo("private, max-age=5"))
        .body("allowed", equalTo(false))
        .body("reason", equalTo("NOT_ACKNOWLEDGED"))
        .body("currentVersions", equalTo(List.of(v1.id())))
        .body("acknowledgedVersion", nullValue());

    as(TestTokens.bearer("kim-agent", "agent"))
        .body(ack(POLICY, v1.id(), v1.documentHash()))
        .post("/v1/staff-acknowledgements")
        .then()
        .statusCode(201);
    as(service())
        .get(path)
        .then()
        .statusCode(200)
        .header("Cache-Control", equalTo("private, max-age=60"))
        .body("allowed", equalTo(true))
        .body("reason", equalTo("ACKNOWLEDGED"))
        .body("acknowledgedVersion", equalTo(v1.id()));

    // a version scheduled in 30 s: the allowing answer may be kept until then only
    Published v2 =
        StaffNotices.publish(
            POLICY, "it", Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS));
    int maxAge =
        as(service())
            .get(path)
            .then()
            .statusCode(200)
            .body("allowed", equalTo(true))
            .body("validUntil", equalTo(v2.effectiveFrom().toString()))
            .extract()
            .path("maxAgeSeconds");
    assertTrue(maxAge <= 30, "kept at most until v2 takes effect: " + maxAge);
  }
}

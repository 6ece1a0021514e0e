package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static dev.riservo.consent.ConsentFixtures.withdrawn;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, rule 10: where the staff policy is checked, an agent who has not acknowledged the one
 * in force may neither dial nor record a consent given, but may always record a withdrawal.
 */
@QuarkusTest
@TestProfile(StaffPolicyTest.Checked.class)
class StaffPolicyTest {

  /** The check switched on, with consent-service's client secret. */
  public static class Checked implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "riservo.staff-policy.check", "true",
          "quarkus.oidc-client.credentials.secret", "test-secret");
    }
  }

  private static String campaign() {
    return as(supervisor())
        .body(
            Map.of(
                "name",
                "Policy " + UUID.randomUUID(),
                "purpose",
                newPurpose("policy", "TELEMARKETING"),
                "cli",
                "0844 123456",
                "automated",
                false,
                "frequencyCap",
                Map.of("calls", 3, "period", "P30D")))
        .post("/v1/campaigns")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("id");
  }

  @Test
  @DisplayName(
      "rule 10: an agent who has not acknowledged the staff policy gets 403 on dial checks and"
          + " consents given, never on a withdrawal; one who has works")
  void notAcknowledgedMayNotWork() {
    String missing = agent(NoticeServiceStub.NOT_ACKNOWLEDGED);
    String purpose = newPurpose("policy", "TELEMARKETING");
    as(missing)
        .body(givenOnCall(randomPhone(), purpose))
        .post("/v1/consents")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", endsWith("policy-not-acknowledged"));
    String campaign = campaign();
    as(missing)
        .body(Map.of("number", randomPhone(), "campaign", campaign))
        .post("/v1/dial-checks")
        .then()
        .statusCode(403)
        .body("type", endsWith("policy-not-acknowledged"));

    String acknowledged = agent(NoticeServiceStub.ACKNOWLEDGED);
    UUID subject =
        UUID.fromString(
            as(acknowledged)
                .body(givenOnCall(randomPhone(), purpose))
                .post("/v1/consents")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("subjectRef"));
    as(acknowledged)
        .body(Map.of("number", randomPhone(), "campaign", campaign))
        .post("/v1/dial-checks")
        .then()
        .statusCode(200);
    // rule 3: a withdrawal is never held up
    as(missing).body(withdrawn(subject, purpose)).post("/v1/consents").then().statusCode(201);
  }

  @Test
  @DisplayName("the answer is reused for as long as notice-service says; an unknown one is 503")
  void answersAreReusedAndAFailureIsNoPermission() {
    String acknowledged = agent(NoticeServiceStub.ACKNOWLEDGED);
    String purpose = newPurpose("policy", "TELEMARKETING");
    as(acknowledged).body(givenOnCall(randomPhone(), purpose)).post("/v1/consents");
    int calls = NoticeServiceStub.POLICY_CALLS.get();
    for (int i = 0; i < 3; i++) {
      as(acknowledged)
          .body(givenOnCall(randomPhone(), purpose))
          .post("/v1/consents")
          .then()
          .statusCode(201);
    }
    assertEquals(calls, NoticeServiceStub.POLICY_CALLS.get(), "answered from memory");
    as(agent("agent-unknown-to-the-stub"))
        .body(givenOnCall(randomPhone(), purpose))
        .post("/v1/consents")
        .then()
        .statusCode(503)
        .body("type", endsWith("dependency-unavailable"));
  }
}

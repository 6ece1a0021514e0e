package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.dpo;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.record;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static dev.riservo.consent.ConsentFixtures.withdrawn;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 10 / issue 15: consents given under a version a material change superseded. */
@QuarkusTest
class ConsentRenewalTest {

  private static UUID givenUnder(String purpose, String noticeId, String hash) {
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    body.put("notice", Map.of("id", noticeId, "hash", hash));
    return UUID.fromString(
        record(body).then().statusCode(201).extract().jsonPath().getString("subjectRef"));
  }

  private static void givenAgain(UUID subject, String purpose, String noticeId, String hash) {
    Map<String, Object> body = givenOnCall(subject, purpose);
    body.put("notice", Map.of("id", noticeId, "hash", hash));
    record(body).then().statusCode(201);
  }

  private static List<String> needing(String materialVersion) {
    JsonPath page =
        given()
            .header("Authorization", dpo())
            .queryParam("materialVersion", materialVersion)
            .queryParam("size", 1000)
            .get("/v1/consent-renewals")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(page.getLong("total") >= page.getList("items").size());
    return page.getList("items.subjectRef", String.class);
  }

  @Test
  @DisplayName(
      "rule 10: after a material change, the consents in force given under an earlier version"
          + " of that notice need renewal; withdrawn or renewed ones do not")
  void consentsUnderAnEarlierVersionNeedRenewal() {
    String purpose = newPurpose("renewal", "TELEMARKETING");
    UUID underTwo = givenUnder(purpose, NoticeServiceStub.OTHER_ID, NoticeServiceStub.OTHER_HASH);
    UUID underThree =
        givenUnder(purpose, NoticeServiceStub.NOTICE_ID, NoticeServiceStub.NOTICE_HASH);
    UUID withdrawnSince =
        givenUnder(purpose, NoticeServiceStub.NOTICE_ID, NoticeServiceStub.NOTICE_HASH);
    record(withdrawn(withdrawnSince, purpose)).then().statusCode(201);
    UUID renewed = givenUnder(purpose, NoticeServiceStub.OTHER_ID, NoticeServiceStub.OTHER_HASH);
    givenAgain(renewed, purpose, NoticeServiceStub.LATE_ID, NoticeServiceStub.LATE_HASH);

    List<String> afterFour = needing(NoticeServiceStub.LATE_ID);
    assertTrue(afterFour.contains(underTwo.toString()), "under v2: " + afterFour);
    assertTrue(afterFour.contains(underThree.toString()), "under v3: " + afterFour);
    assertTrue(!afterFour.contains(withdrawnSince.toString()), "withdrawn since");
    assertTrue(!afterFour.contains(renewed.toString()), "renewed under v4");

    List<String> afterThree = needing(NoticeServiceStub.NOTICE_ID);
    assertTrue(afterThree.contains(underTwo.toString()));
    assertTrue(!afterThree.contains(underThree.toString()), "v3 is not earlier than v3");
  }

  @Test
  @DisplayName("only supervisors and the DPO list them; a malformed version or page is a 400")
  void badRequests() {
    as(agent())
        .queryParam("materialVersion", NoticeServiceStub.LATE_ID)
        .get("/v1/consent-renewals")
        .then()
        .statusCode(403);
    for (Map<String, Object> query :
        List.<Map<String, Object>>of(
            Map.of("materialVersion", "privacy-it"),
            Map.of("materialVersion", "PRIVACY@1"),
            Map.of(),
            Map.of("materialVersion", NoticeServiceStub.LATE_ID, "size", 0),
            Map.of("materialVersion", NoticeServiceStub.LATE_ID, "page", -1),
            Map.of("materialVersion", NoticeServiceStub.LATE_ID, "size", "x"))) {
      given()
          .header("Authorization", supervisor())
          .queryParams(query)
          .get("/v1/consent-renewals")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    assertEquals(
        200,
        given()
            .header("Authorization", supervisor())
            .queryParam("materialVersion", "no-such-notice@7")
            .get("/v1/consent-renewals")
            .statusCode());
  }
}

package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.PROBLEM;
import static dev.riservo.consent.ConsentFixtures.PROBLEM_JSON;
import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.give;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.now;
import static dev.riservo.consent.ConsentFixtures.postConsent;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.suffix;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.riservo.consent.ConsentFixtures.Counts;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad input to POST /v1/consents: each gets a 4xx problem document that names what is wrong, never
 * a 500, and stores nothing (no subject, no event, no receipt, no audit entry).
 */
@QuarkusTest
class ConsentValidationTest {

  @Inject AgroalDataSource db;

  private String purpose;
  private String phone;

  @BeforeEach
  void purpose() {
    purpose = ConsentFixtures.ensurePurpose("validation-tm", "TELEMARKETING");
    phone = randomPhone();
  }

  private Map<String, Object> valid() {
    return givenOnCall(phone, purpose);
  }

  /** Sends {@code body}; expects the status, problem type and field; proves nothing was stored. */
  private Response refused(Object body, int status, String type, String field) {
    Counts before = Counts.of(db);
    Response response = postConsent(body);
    response
        .then()
        .statusCode(status)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + type))
        .body("status", equalTo(status))
        .body("detail", org.hamcrest.Matchers.notNullValue());
    if (field != null) {
      response.then().body("errors.field", hasItem(field));
    }
    assertEquals(before, Counts.of(db), "a refused request changed the database");
    return response;
  }

  @Test
  @DisplayName("rule 1: a consent for an unknown purpose is refused (422, purpose)")
  void unknownPurpose() {
    Map<String, Object> body = valid();
    body.put("purpose", "no-such-purpose-" + suffix());
    refused(body, 422, "unknown-purpose", "purpose");
  }

  @Test
  void malformedPhoneNumber() {
    for (String bad : List.of("+39 12", "not a phone", "+39 347 12345678901234")) {
      Map<String, Object> body = valid();
      body.put("subject", Map.of("phone", bad));
      Response response = refused(body, 400, "validation", "subject.phone");
      // No member of the problem repeats the value sent (it is personal data).
      assertFalse(response.asString().contains(bad), "the problem repeats " + bad);
    }
  }

  @Test
  void malformedEmail() {
    Map<String, Object> body = valid();
    body.put("subject", Map.of("phone", phone, "email", "not-an-address"));
    Response response = refused(body, 400, "validation", "subject.email");
    assertFalse(response.asString().contains("not-an-address"));
  }

  @Test
  @DisplayName("rule 2: a consent heard on a call needs evidence (422, evidence.recordingId)")
  void callWithoutEvidence() {
    Map<String, Object> body = valid();
    body.remove("evidence");
    refused(body, 422, "missing-evidence", "evidence.recordingId");
  }

  @Test
  @DisplayName("rule 2: a consent needs the notice presented (422, notice)")
  void givenWithoutNotice() {
    Map<String, Object> body = valid();
    body.remove("notice");
    body.put("channel", "WEB");
    body.remove("evidence");
    refused(body, 422, "missing-notice", "notice");
    Map<String, Object> onCall = valid();
    onCall.remove("notice");
    refused(onCall, 422, "missing-notice", "notice");
  }

  @Test
  void noticeHashNotSha256Hex() {
    for (String hash :
        List.of("abc", "A".repeat(64), "g".repeat(64), "0".repeat(63), "0".repeat(65))) {
      Map<String, Object> body = valid();
      body.put("notice", Map.of("id", NoticeServiceStub.NOTICE_ID, "hash", hash));
      refused(body, 400, "validation", "notice.hash");
    }
  }

  @Test
  @DisplayName("rules 2 and 10: the notice must be a published version (422, notice.id)")
  void unpublishedNotice() {
    for (String id : List.of("privacy-it@9", "notice-it-v3", "privacy-it@0", "PRIVACY@1")) {
      Map<String, Object> body = valid();
      body.put("notice", Map.of("id", id, "hash", NoticeServiceStub.NOTICE_HASH));
      refused(body, 422, "unknown-notice", "notice.id");
    }
  }

  @Test
  @DisplayName("rules 2 and 10: the hash must be that version's content hash (422, notice.hash)")
  void noticeHashOfAnotherVersion() {
    Map<String, Object> body = valid();
    body.put(
        "notice", Map.of("id", NoticeServiceStub.NOTICE_ID, "hash", NoticeServiceStub.OTHER_HASH));
    refused(body, 422, "notice-hash-mismatch", "notice.hash");

    Map<String, Object> other = valid();
    other.put(
        "notice", Map.of("id", NoticeServiceStub.OTHER_ID, "hash", NoticeServiceStub.OTHER_HASH));
    postConsent(other).then().statusCode(201);
    Map<String, Object> upperCase = valid();
    upperCase.put(
        "notice",
        Map.of(
            "id", NoticeServiceStub.OTHER_ID, "hash", NoticeServiceStub.OTHER_HASH.toUpperCase()));
    refused(upperCase, 400, "validation", "notice.hash");
  }

  @Test
  @DisplayName(
      "rule 10: the notice must have been in force when the consent was given (422); its"
          + " document hash is accepted as well as its text's")
  void noticeInForceWhenGiven() {
    Map<String, Object> before = valid();
    before.put(
        "notice", Map.of("id", NoticeServiceStub.LATE_ID, "hash", NoticeServiceStub.LATE_HASH));
    before.put("occurredAt", now().minusSeconds(86_400).toString());
    refused(before, 422, "notice-not-in-force", "notice.id");

    Map<String, Object> after = valid();
    after.put(
        "notice", Map.of("id", NoticeServiceStub.LATE_ID, "hash", NoticeServiceStub.LATE_HASH));
    postConsent(after).then().statusCode(201);
    Map<String, Object> byDocument = valid();
    byDocument.put(
        "notice",
        Map.of("id", NoticeServiceStub.NOTICE_ID, "hash", NoticeServiceStub.NOTICE_DOCUMENT_HASH));
    postConsent(byDocument).then().statusCode(201);
  }

  @Test
  @DisplayName("a notice service that cannot answer: 503 with Retry-After, nothing recorded")
  void noticeServiceUnavailable() {
    for (String id : List.of(NoticeServiceStub.SLOW, NoticeServiceStub.BROKEN)) {
      Map<String, Object> body = valid();
      body.put("notice", Map.of("id", id, "hash", NoticeServiceStub.NOTICE_HASH));
      long started = System.nanoTime();
      refused(body, 503, "dependency-unavailable", null).then().header("Retry-After", "5");
      assertFalse(
          System.nanoTime() - started > 4_500_000_000L,
          "the client gave up within its timeout, not the stub's five seconds");
    }
  }

  @Test
  void futureOccurredAt() {
    Map<String, Object> body = valid();
    body.put("occurredAt", now().plusSeconds(3600).toString());
    refused(body, 422, "future-timestamp", "occurredAt");
  }

  @Test
  void expiryBeforeConsent() {
    Map<String, Object> body = valid();
    body.put("occurredAt", now().minusSeconds(60).toString());
    body.put("expiresAt", now().minusSeconds(120).toString());
    refused(body, 422, "expiry-before-consent", "expiresAt");
  }

  @Test
  @DisplayName("rule 2: a bought list must come from the seller who collected it (one hop)")
  void purchasedListWithTwoSellers() {
    Map<String, Object> body = valid();
    body.put(
        "provenance",
        Map.of("source", "PURCHASED_LIST", "sellerChain", List.of("Lists SRL", "Broker SpA")));
    refused(body, 422, "seller-chain", "provenance.sellerChain");

    Map<String, Object> noSeller = valid();
    noSeller.put("provenance", Map.of("source", "PURCHASED_LIST"));
    refused(noSeller, 422, "provenance", "provenance.sellerChain");

    // One hop is fine.
    Map<String, Object> oneHop = valid();
    oneHop.put("provenance", Map.of("source", "PURCHASED_LIST", "sellerChain", List.of("Lists")));
    postConsent(oneHop).then().statusCode(201);
  }

  @Test
  void noSubjectAtAll() {
    Map<String, Object> body = valid();
    body.remove("subject");
    refused(body, 400, "validation", "subject");
    Map<String, Object> empty = valid();
    empty.put("subject", Map.of());
    refused(empty, 400, "validation", "subject");
  }

  @Test
  void bothSubjectRefAndSubject() {
    UUID known = give(randomPhone(), purpose);
    Map<String, Object> body = valid();
    body.put("subjectRef", known.toString());
    refused(body, 400, "validation", "subject");
  }

  @Test
  void madeUpSubjectRef() {
    UUID madeUp = UUID.randomUUID();
    Map<String, Object> body = givenOnCall(madeUp, purpose);
    String text = refused(body, 404, "not-found", null).asString();
    // Not found, and nothing more: not whether it ever existed or was erased.
    assertFalse(text.toLowerCase().contains("erase"), text);
    assertFalse(text.contains("errors"), text);
  }

  @Test
  @DisplayName("a problem never repeats a value the caller sent: not even a made-up subjectRef")
  void madeUpSubjectRefIsNotEchoed() {
    UUID madeUp = UUID.randomUUID();
    String text =
        postConsent(givenOnCall(madeUp, purpose)).then().statusCode(404).extract().asString();
    assertFalse(
        text.contains(madeUp.toString()), "the problem repeats the subjectRef sent: " + text);
  }

  @Test
  void malformedJson() {
    Counts before = Counts.of(db);
    as(agent())
        .body("{\"purpose\": \"" + purpose + "\", \"state\": ")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "malformed-body"));
    as(agent())
        .body("[1, 2, 3]")
        .post("/v1/consents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    as(agent()).body("").post("/v1/consents").then().statusCode(400).contentType(PROBLEM_JSON);
    assertEquals(before, Counts.of(db));
  }

  @Test
  void wrongTypesAndUnknownEnums() {
    Map<String, Object> channel = valid();
    channel.put("channel", "FAX");
    refused(channel, 400, "malformed-body", "channel");
    Map<String, Object> state = valid();
    state.put("state", "MAYBE");
    refused(state, 400, "malformed-body", "state");
    Map<String, Object> ref = valid();
    ref.remove("subject");
    ref.put("subjectRef", "not-a-uuid");
    refused(ref, 400, "malformed-body", "subjectRef");
    Map<String, Object> when = valid();
    when.put("occurredAt", "last tuesday");
    refused(when, 400, "malformed-body", "occurredAt");
    Map<String, Object> jurisdiction = valid();
    jurisdiction.put("jurisdiction", "Italy");
    refused(jurisdiction, 400, "validation", "jurisdiction");
    Map<String, Object> offset = valid();
    offset.put("evidence", Map.of("recordingId", "1", "offsetMs", -1));
    refused(offset, 400, "validation", "evidence.offsetMs");
  }

  @Test
  void hugeBody() {
    Counts before = Counts.of(db);
    Map<String, Object> body = valid();
    body.put("language", "x".repeat(1_100_000));
    int status = postConsent(body).then().extract().statusCode();
    assertEquals(413, status);
    assertEquals(before, Counts.of(db));
  }

  @Test
  void wrongRole() {
    Counts before = Counts.of(db);
    for (String token : List.of(supervisor(), ConsentFixtures.dpo(), ConsentFixtures.admin())) {
      as(token)
          .body(valid())
          .post("/v1/consents")
          .then()
          .statusCode(403)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo(PROBLEM + "forbidden"));
    }
    assertEquals(before, Counts.of(db));
  }

  @Test
  void noToken() {
    Counts before = Counts.of(db);
    given()
        .contentType(ContentType.JSON)
        .body(valid())
        .post("/v1/consents")
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("type", equalTo(PROBLEM + "unauthorized"));
    given()
        .header("Authorization", "Bearer not.a.token")
        .contentType(ContentType.JSON)
        .body(valid())
        .post("/v1/consents")
        .then()
        .statusCode(401);
    assertEquals(before, Counts.of(db));
  }

  @Test
  void withdrawAllAndObjectionRefuseBadInputToo() {
    Counts before = Counts.of(db);
    // Withdraw-all for a number nobody has: 404, nothing registered.
    as(agent())
        .body(Map.of("subject", Map.of("phone", randomPhone()), "channel", "CALL"))
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
    as(agent())
        .body(Map.of("subjectRef", UUID.randomUUID().toString(), "channel", "CALL"))
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(404);
    as(agent())
        .body(Map.of("subject", Map.of("phone", randomPhone())))
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("channel"));
    as(agent())
        .body(
            Map.of(
                "subject",
                Map.of("phone", randomPhone()),
                "channel",
                "CALL",
                "occurredAt",
                now().plusSeconds(3600).toString()))
        .post("/v1/objections")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("occurredAt"));
    as(agent())
        .body(Map.of("subject", Map.of("phone", "+39 12"), "channel", "CALL"))
        .post("/v1/objections")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("subject.phone"))
        .body(not(containsString("+39 12")));
    assertEquals(before, Counts.of(db));
  }
}

package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A subject's whole life through the real stack: an admin defines a purpose, an agent records a
 * consent heard on a call and the subject withdraws everything, anyone verifies the receipt, and
 * the rights service (its own client) finds, exports and erases the subject.
 */
class ConsentLifecycleIT {

  private static final String CONSENT = Stack.GATEWAY + "/api/consent";

  /** The rights service reaches consent-service directly, not through the public gateway. */
  private static final String CONSENT_INTERNAL = "http://localhost:8081/internal/subject-data";

  private static final String NOTICES = Stack.GATEWAY + "/api/notices";

  /** A consent to the test's purpose heard on a call, presenting the notice version given. */
  private static Map<String, Object> givenOnCall(String phone, String noticeId, String hash) {
    return Map.of(
        "subject",
        Map.of("phone", phone),
        "purpose",
        "telemarketing-calls",
        "state",
        "GIVEN",
        "channel",
        "CALL",
        "notice",
        Map.of("id", noticeId, "hash", hash),
        "evidence",
        Map.of("recordingId", "42", "offsetMs", 61_500));
  }

  @Test
  void recordWithdrawVerifyExportAndErase() throws Exception {
    String admin = "Bearer " + Stack.userToken("admin");
    String agent = "Bearer " + Stack.userToken("agent");
    String rights = "Bearer " + Stack.clientToken("subject-rights-service");
    String phone = "+39 347 " + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));

    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "code", "telemarketing-calls",
                "name", "Telemarketing calls",
                "description", "Calls offering our products",
                "legalBasis", "CONSENT",
                "category", "TELEMARKETING",
                "retentionDays", 730,
                "priorConsentRequired", true))
        .post(CONSENT + "/v1/purposes")
        .then()
        .statusCode(oneOf(201, 409));

    // The DPO publishes the privacy notice the agent reads out; its content hash is what a
    // consent must carry (rules 2 and 10).
    String dpo = "Bearer " + Stack.userToken("dpo");
    var notice =
        given()
            .header("Authorization", dpo)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "language", "it",
                    "title", "Informativa telemarketing",
                    "content", "Informativa sul trattamento dei dati per le chiamate commerciali."))
            .post(NOTICES + "/v1/notices/telemarketing-it/versions")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String noticeId = notice.getString("id");
    String noticeHash = notice.getString("contentHash");
    given()
        .get(NOTICES + "/v1/public/notices/versions/" + noticeId)
        .then()
        .statusCode(200)
        .body("contentHash", equalTo(noticeHash));

    // A hash that is not the published version's is refused, and nothing is recorded.
    given()
        .header("Authorization", agent)
        .contentType(ContentType.JSON)
        .body(givenOnCall(phone, noticeId, "0".repeat(64)))
        .post(CONSENT + "/v1/consents")
        .then()
        .statusCode(422)
        .body("type", endsWith("/notice-hash-mismatch"));

    String receipt =
        given()
            .header("Authorization", agent)
            .contentType(ContentType.JSON)
            .body(givenOnCall(phone, noticeId, noticeHash))
            .post(CONSENT + "/v1/consents")
            .then()
            .statusCode(201)
            .extract()
            .path("receipt");

    String jwks =
        given().get(CONSENT + "/v1/receipts/jwks").then().statusCode(200).extract().asString();
    JWSObject jws = JWSObject.parse(receipt);
    ECKey key = (ECKey) JWKSet.parse(jwks).getKeyByKeyId(jws.getHeader().getKeyID());
    assertTrue(jws.verify(new ECDSAVerifier(key)), "the receipt verifies against the public JWKS");

    given()
        .header("Authorization", agent)
        .contentType(ContentType.JSON)
        .body(Map.of("subject", Map.of("phone", phone), "channel", "CALL"))
        .post(CONSENT + "/v1/consents/withdraw-all")
        .then()
        .statusCode(200)
        .body("withdrawn", hasSize(1));

    String subjectRef =
        given()
            .header("Authorization", rights)
            .contentType(ContentType.JSON)
            .body(Map.of("phone", phone))
            .post(CONSENT_INTERNAL + "/search")
            .then()
            .statusCode(200)
            .body("subjectRefs", hasSize(1))
            .extract()
            .path("subjectRefs[0]");

    given()
        .header("Authorization", agent)
        .get(CONSENT + "/v1/subjects/" + subjectRef + "/consents")
        .then()
        .statusCode(200)
        .body("purposes[0].state", equalTo("WITHDRAWN"));

    given()
        .header("Authorization", rights)
        .get(CONSENT_INTERNAL + "/" + subjectRef)
        .then()
        .statusCode(200)
        .body("identifiers.phone", equalTo(phone.replace(" ", "")))
        .body("consents", hasSize(2));

    given()
        .header("Authorization", rights)
        .delete(CONSENT_INTERNAL + "/" + subjectRef)
        .then()
        .statusCode(200)
        .body("alreadyErased", equalTo(false));

    given()
        .header("Authorization", rights)
        .delete(CONSENT_INTERNAL + "/" + subjectRef)
        .then()
        .statusCode(200)
        .body("alreadyErased", equalTo(true));
    given()
        .header("Authorization", rights)
        .get(CONSENT_INTERNAL + "/" + subjectRef)
        .then()
        .statusCode(404);
    given()
        .header("Authorization", agent)
        .get(CONSENT + "/v1/subjects/" + subjectRef + "/consents")
        .then()
        .statusCode(404);

    boolean intact =
        AuditVerifications.verify(CONSENT, "Bearer " + Stack.userToken("dpo"))
            .then()
            .statusCode(200)
            .body("state", equalTo("FINISHED"))
            .extract()
            .path("result.intact");
    assertEquals(true, intact);
  }
}

package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15 end to end, through the gateway with real Keycloak tokens: the DPO publishes v1 of an
 * outbound-call notice, an agent reads it to a caller and records the caller's consent referring to
 * it, the receipt verifies and names the controller's phone and the public address of v1; the DPO
 * publishes a material v2 effective in 31 days, which opens a notification campaign listing the
 * caller; the public notice stays v1 until v2's instant, and consent-service lists the caller's
 * consent as needing renewal.
 *
 * <p>The steps share one notice and one caller and run in order; each asserts what it needs from
 * the steps before it, so a failing step names itself and the later ones still run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoticeToConsentIT {

  private static final String NOTICES = Stack.GATEWAY + "/api/notices";
  private static final String CONSENT = Stack.GATEWAY + "/api/consent";
  private static final String CAMPAIGNS = NOTICES + "/v1/notification-campaigns/";
  private static final String CSV_HEADER =
      "subject_ref,phone,email,customer_id,last_version_heard,last_presented_at,notified_at,"
          + "channel,message_id";

  /** A material version takes effect this long after publication at the earliest (default). */
  private static final int MATERIAL_NOTICE_DAYS = 30;

  private final String key = "outbound-call-" + UUID.randomUUID().toString().substring(0, 8);
  private final String callerDigits =
      "347" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
  private final String callerPhone =
      "+39 " + callerDigits.substring(0, 3) + " " + callerDigits.substring(3);
  private final String recordingId =
      "2026" + (100_000_000 + ThreadLocalRandom.current().nextInt(899_999_999));

  private JsonPath v1;
  private String presentedSubject;
  private String consentSubject;
  private JsonPath v2;
  private String campaign;

  private static RequestSpecification as(String user) {
    return given()
        .header("Authorization", "Bearer " + Stack.userToken(user))
        .contentType(ContentType.JSON);
  }

  @Test
  @Order(1)
  void theDpoPublishesACompleteV1AndItsDraftNeedsAToken() throws InterruptedException {
    as("dpo")
        .body(Map.of("audience", "SUBJECTS", "channel", "VERBAL_SCRIPT", "fallbackLanguage", "it"))
        .put(NOTICES + "/v1/notices/" + key)
        .then()
        .statusCode(201);
    String v1Draft = draft(OutboundCallNotice.draft("P2Y"));
    given().get(NOTICES + "/v1/notices/" + key + "/drafts/" + v1Draft).then().statusCode(401);

    v1 =
        as("dpo")
            .body("{}")
            .post(publication(v1Draft))
            .then()
            .statusCode(201)
            .body("id", equalTo(key + "@1"))
            .body("language", equalTo("it"))
            .extract()
            .jsonPath();
    Instant effective = Instant.parse(v1.getString("effectiveFrom"));
    Instant published = Instant.parse(v1.getString("publishedAt"));
    // in force from that instant; a replica re-reads its list at most once a second
    Thread.sleep(Math.max(0, effective.toEpochMilli() - System.currentTimeMillis()) + 1_100);
    assertTrue(
        !effective.isBefore(published.plusSeconds(5)),
        "\"now\" is the propagation delay (5 s) after publication: published "
            + published
            + ", effective "
            + effective);
  }

  @Test
  @Order(2)
  void anAgentPresentsV1ToTheCaller() {
    assertNotNull(v1, "v1 was published (step 1)");
    presentedSubject =
        as("agent")
            .body(
                Map.of(
                    "subject", Map.of("phone", callerPhone),
                    "notice", Map.of("id", v1.getString("id"), "hash", documentHash(v1)),
                    "language", "it",
                    "deliveryMode", "AGENT_READ",
                    "recording", Map.of("id", recordingId, "offsetMs", 1_200)))
            .post(NOTICES + "/v1/presentations")
            .then()
            .statusCode(201)
            .body("notice.id", equalTo(v1.getString("id")))
            .body("notice.hashKind", equalTo("DOCUMENT"))
            .body("recordedBy", equalTo("agent"))
            .extract()
            .path("subjectRef");
    assertNotNull(presentedSubject, "the presentation names its subject by reference");
  }

  @Test
  @Order(3)
  void theConsentReferringToV1HasAReceiptThatVerifiesAndNamesTheControllersPhone()
      throws Exception {
    assertNotNull(v1, "v1 was published (step 1)");
    as("admin")
        .body(
            Map.of(
                "code", OutboundCallNotice.PURPOSE,
                "name", "Telemarketing calls",
                "description", "Calls offering our products",
                "legalBasis", "CONSENT",
                "category", "TELEMARKETING",
                "retentionDays", 730,
                "priorConsentRequired", true))
        .post(CONSENT + "/v1/purposes")
        .then()
        .statusCode(oneOf(201, 409));
    JsonPath recorded =
        as("agent")
            .body(
                Map.of(
                    "subject",
                    Map.of("phone", callerPhone),
                    "purpose",
                    OutboundCallNotice.PURPOSE,
                    "state",
                    "GIVEN",
                    "channel",
                    "CALL",
                    "language",
                    "it",
                    "notice",
                    Map.of("id", v1.getString("id"), "hash", documentHash(v1)),
                    "evidence",
                    Map.of("recordingId", recordingId, "offsetMs", 95_000)))
            .post(CONSENT + "/v1/consents")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    consentSubject = recorded.getString("subjectRef");

    JWSObject jws = JWSObject.parse(recorded.getString("receipt"));
    String jwks =
        given().get(CONSENT + "/v1/receipts/jwks").then().statusCode(200).extract().asString();
    ECKey signing = (ECKey) JWKSet.parse(jwks).getKeyByKeyId(jws.getHeader().getKeyID());
    assertNotNull(signing, "the receipt's key is in the public JWKS");
    assertTrue(
        jws.verify(new ECDSAVerifier(signing)), "the receipt verifies against the public JWKS");

    JsonPath receipt = JsonPath.from(jws.getPayload().toString());
    assertEquals(consentSubject, receipt.getString("piiPrincipalId"));
    assertEquals(
        OutboundCallNotice.CONTROLLER_PHONE,
        receipt.getString("piiControllers[0].phone"),
        "the controller's phone exactly as the notice gives it");
    assertEquals("P2Y", receipt.getString("services[0].purposes[0].retention"));
    assertEquals(OutboundCallNotice.WITHDRAW, receipt.getString("consentRecord.withdrawal"));
    assertEquals(documentHash(v1), receipt.getString("consentRecord.notice.hash"));
    assertEquals("it", receipt.getString("consentRecord.notice.language"));
    String policyUrl = receipt.getString("policyUrl");
    assertTrue(
        policyUrl.startsWith(Stack.GATEWAY + "/")
            && policyUrl.endsWith("/v1/public/notices/versions/" + v1.getString("id")),
        "the receipt links to v1's public page through the gateway: " + policyUrl);
    given()
        .get(policyUrl)
        .then()
        .statusCode(200)
        .body("id", equalTo(v1.getString("id")))
        .body("contentHash", equalTo(v1.getString("contentHash")));
  }

  @Test
  @Order(4)
  void aMaterialV2TakesEffectNoSoonerThanTheNoticePeriodAndOpensACampaign() {
    String draft = draft(OutboundCallNotice.draft("P3Y"));
    as("dpo")
        .body(Map.of("effectiveFrom", inDays(1), "material", true))
        .post(publication(draft))
        .then()
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("type", endsWith("/material-change-too-soon"));
    as("dpo")
        .get(NOTICES + "/v1/notices/" + key + "/drafts/" + draft)
        .then()
        .statusCode(200)
        .body("status", equalTo("DRAFT"));

    String effectiveFrom = inDays(MATERIAL_NOTICE_DAYS + 1);
    v2 =
        as("dpo")
            .body(Map.of("effectiveFrom", effectiveFrom, "material", true))
            .post(publication(draft))
            .then()
            .statusCode(201)
            .body("id", equalTo(key + "@2"))
            .extract()
            .jsonPath();
    assertEquals(
        OffsetDateTime.parse(effectiveFrom).toInstant(),
        Instant.parse(v2.getString("effectiveFrom")));
    campaign = v2.getString("notificationCampaign");
    assertNotNull(campaign, "publishing a material version opens a notification campaign");
  }

  @Test
  @Order(5)
  void theCampaignListsTheCallerAndCountsTheEvidenceOfNotification() throws InterruptedException {
    assertNotNull(campaign, "the material v2 opened a campaign (step 4)");
    JsonPath opened = campaignOnceFilled();
    assertEquals(key, opened.getString("noticeId"));
    assertEquals(key + "@2", opened.getString("materialVersion"));
    assertNotNull(opened.getString("openedAt"));
    assertEquals(List.of(1, 0, 1), counts(opened), "total, notified, pending");

    JsonPath members =
        as("dpo")
            .queryParam("page", 0)
            .queryParam("size", 100)
            .get(CAMPAIGNS + campaign + "/members")
            .then()
            .statusCode(200)
            .body("total", equalTo(1))
            .extract()
            .jsonPath();
    String member = "items.find { it.subjectRef == '" + presentedSubject + "' }";
    assertNotNull(
        members.get(member), "the caller who heard v1 is to be told: " + members.prettify());
    // the version heard is named by its number (the campaign names the notice)
    assertEquals(v1.getInt("version"), members.getInt(member + ".lastVersionHeard"));
    assertNotNull(members.getString(member + ".lastPresentedAt"));
    assertNull(members.getString(member + ".notifiedAt"));

    String csv =
        as("dpo")
            .get(CAMPAIGNS + campaign + "/members.csv")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    List<String> lines = csv.lines().toList();
    assertEquals(CSV_HEADER, lines.get(0));
    List<String> row =
        lines.stream()
            .filter(line -> line.startsWith(presentedSubject + ","))
            .map(line -> List.of(line.split(",", -1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the caller is not in the CSV:\n" + csv));
    assertEquals("+39" + callerDigits, row.get(1), "the caller's phone in E.164");
    assertEquals(v1.getString("version"), row.get(4));

    String messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
    as("dpo")
        .body(Map.of("channel", "SMS", "messageId", messageId, "sentAt", Instant.now().toString()))
        .put(CAMPAIGNS + campaign + "/members/" + presentedSubject + "/notification")
        .then()
        .statusCode(200);
    assertEquals(List.of(1, 1, 0), counts(campaign()), "total, notified, pending");
    JsonPath told =
        as("dpo")
            .get(CAMPAIGNS + campaign + "/members")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("SMS", told.getString(member + ".channel"));
    assertEquals(messageId, told.getString(member + ".messageId"));
    assertNotNull(told.getString(member + ".notifiedAt"));
  }

  @Test
  @Order(6)
  void thePublicNoticeIsV1UntilV2sInstant() {
    assertNotNull(v2, "v2 was published (step 4)");
    String v2From = v2.getString("effectiveFrom");
    JsonPath now =
        given()
            .queryParam("language", "it")
            .get(NOTICES + "/v1/public/notices/" + key + "/current")
            .then()
            .statusCode(200)
            .body("version.id", equalTo(key + "@1"))
            .body("fallback", equalTo(false))
            .extract()
            .jsonPath();
    assertEquals(Instant.parse(v2From), Instant.parse(now.getString("validUntil")));
    // v2 is not public before its instant, nor is the public notice at that instant
    given().get(NOTICES + "/v1/public/notices/versions/" + key + "@2").then().statusCode(404);
    as("agent")
        .queryParam("language", "it")
        .queryParam("at", v2From)
        .get(NOTICES + "/v1/notices/" + key + "/current")
        .then()
        .statusCode(200)
        .body("version.id", equalTo(key + "@2"))
        .body("version.documentHash", equalTo(documentHash(v2)));
  }

  @Test
  @Order(7)
  void theCallersConsentNeedsRenewal() {
    assertNotNull(v2, "v2 was published (step 4)");
    assertNotNull(consentSubject, "the consent was recorded (step 3)");
    as("dpo")
        .queryParam("materialVersion", key + "@2")
        .get(CONSENT + "/v1/consent-renewals")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].subjectRef", equalTo(consentSubject))
        .body("items[0].purpose", equalTo(OutboundCallNotice.PURPOSE))
        .body("items[0].noticeId", equalTo(key + "@1"));
  }

  @Test
  @Order(8)
  void theCampaignIsTheDposOnly() {
    assertNotNull(campaign, "the material v2 opened a campaign (step 4)");
    String members = CAMPAIGNS + campaign + "/members";
    as("agent").get(CAMPAIGNS + campaign).then().statusCode(403);
    as("agent").get(members).then().statusCode(403);
    as("agent").get(members + ".csv").then().statusCode(403);
    as("agent")
        .body(Map.of("channel", "SMS", "messageId", "SM1", "sentAt", Instant.now().toString()))
        .put(members + "/" + presentedSubject + "/notification")
        .then()
        .statusCode(403);
    given().get(CAMPAIGNS + campaign).then().statusCode(401);
  }

  // ---- steps' helpers ----

  /** Starts a draft of the test's notice; its id. */
  private String draft(String body) {
    return as("dpo")
        .body(body)
        .post(NOTICES + "/v1/notices/" + key + "/drafts")
        .then()
        .statusCode(201)
        .body("missing", anyOf(equalTo(List.of()), equalTo(null)))
        .extract()
        .path("id");
  }

  private String publication(String draftId) {
    return NOTICES + "/v1/notices/" + key + "/drafts/" + draftId + "/publication";
  }

  private static String documentHash(JsonPath version) {
    String hash = version.getString("documentHash");
    assertNotNull(hash, "a structured version has a document hash");
    return hash;
  }

  /** An instant {@code days} from now, to the second, with Rome's winter offset. */
  private static String inDays(int days) {
    return OffsetDateTime.now(ZoneOffset.ofHours(1))
        .plusDays(days)
        .truncatedTo(ChronoUnit.SECONDS)
        .toString();
  }

  private JsonPath campaign() {
    return as("dpo").get(CAMPAIGNS + campaign).then().statusCode(200).extract().jsonPath();
  }

  /** The campaign, waiting up to 10 s for its members if they are gathered after publication. */
  private JsonPath campaignOnceFilled() throws InterruptedException {
    JsonPath answer = campaign();
    for (int i = 0; i < 40 && answer.getInt("total") == 0; i++) {
      Thread.sleep(250);
      answer = campaign();
    }
    return answer;
  }

  private static List<Integer> counts(JsonPath campaign) {
    return List.of(
        campaign.getInt("total"), campaign.getInt("notified"), campaign.getInt("pending"));
  }
}

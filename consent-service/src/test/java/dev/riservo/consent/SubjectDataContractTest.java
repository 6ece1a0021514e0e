package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.PROBLEM_JSON;
import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.consentsOf;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.dpo;
import static dev.riservo.consent.ConsentFixtures.e164;
import static dev.riservo.consent.ConsentFixtures.give;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.now;
import static dev.riservo.consent.ConsentFixtures.postConsent;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.record;
import static dev.riservo.consent.ConsentFixtures.suffix;
import static dev.riservo.consent.ConsentFixtures.texts;
import static dev.riservo.consent.ConsentFixtures.withdrawn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.AuditVerificationClient;
import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The internal data-source contract of DESIGN.md (search, export, erase) as consent-service serves
 * it to the rights service; rule 4 (an objection survives erasure) and rule 9 (erasure reports what
 * was kept and why).
 */
@QuarkusTest
class SubjectDataContractTest {

  private static final String JWS = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";
  private static final String BASE = "/internal/subject-data";

  @Inject AgroalDataSource db;

  // ------------------------------------------------------------------ helpers ----

  private static String service() {
    return TestTokens.bearer("service-account-subject-rights-service", "service");
  }

  /** A subject named by phone, e-mail (mixed case) and customer id, with one consent. */
  private record Held(UUID ref, String phone, String email, String customerId) {}

  private static Held holdSubject(String purpose) {
    String phone = randomPhone();
    String email = "Mario.Rossi." + suffix() + "@Example.IT";
    String customerId = "CUST-" + suffix();
    Map<String, Object> body = givenOnCall(phone, purpose);
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("phone", phone);
    subject.put("email", email);
    subject.put("customerId", customerId);
    body.put("subject", subject);
    UUID ref = UUID.fromString(record(body).jsonPath().getString("subjectRef"));
    return new Held(ref, phone, email, customerId);
  }

  private static Response search(String token, Map<String, Object> identifiers) {
    return given()
        .header("Authorization", token)
        .contentType(ContentType.JSON)
        .body(identifiers)
        .post(BASE + "/search");
  }

  private static List<String> found(Map<String, Object> identifiers) {
    return search(service(), identifiers)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("subjectRefs", String.class);
  }

  private static Map<String, Object> byPhone(String phone) {
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("phone", phone);
    return ids;
  }

  private static Map<String, Object> byEmail(String email) {
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("email", email);
    return ids;
  }

  private static Map<String, Object> byCustomerId(String customerId) {
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("customerId", customerId);
    return ids;
  }

  private static Response export(String token, UUID ref) {
    return given().header("Authorization", token).get(BASE + "/" + ref);
  }

  private static Response erase(String token, UUID ref) {
    return given().header("Authorization", token).delete(BASE + "/" + ref);
  }

  private static JsonPath erased(UUID ref) {
    return erase(service(), ref).then().statusCode(200).extract().jsonPath();
  }

  private static void object(UUID ref, Instant occurredAt) {
    Map<String, Object> objection = new LinkedHashMap<>();
    objection.put("subjectRef", ref.toString());
    objection.put("channel", "CALLBACK");
    objection.put("occurredAt", occurredAt.toString());
    as(agent()).body(objection).post("/v1/objections").then().statusCode(201);
  }

  private String phoneIndexOf(UUID ref) {
    List<String> index = texts(db, "SELECT phone_index FROM subject WHERE ref = ?", ref);
    assertEquals(1, index.size());
    assertNotNull(index.get(0), "subject has a phone index");
    return index.get(0);
  }

  private long suppressionRows() {
    return count(db, "SELECT count(*) FROM suppression");
  }

  private long auditEntries(String action, UUID ref) {
    return count(
        db,
        "SELECT count(*) FROM audit_entry WHERE action = ? AND subject_ref = ?",
        action,
        ref.toString());
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static void auditTrailIntact() {
    AuditVerificationClient.verify(dpo()).body("intact", equalTo(true));
  }

  /** Everything a subject leaves behind after erasure, checked row by row. */
  private void nothingLeftOf(UUID ref) {
    assertEquals(0, count(db, "SELECT count(*) FROM consent_event WHERE subject_ref = ?", ref));
    assertEquals(0, count(db, "SELECT count(*) FROM receipt WHERE subject_ref = ?", ref));
    assertEquals(0, count(db, "SELECT count(*) FROM objection WHERE subject_ref = ?", ref));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM subject WHERE ref = ? AND erased_at IS NOT NULL AND phone_sealed"
                + " IS NULL AND phone_index IS NULL AND email_sealed IS NULL AND email_index IS"
                + " NULL AND customer_id_sealed IS NULL AND customer_id_index IS NULL",
            ref));
  }

  // ------------------------------------------------------------------ search ----

  @Test
  @DisplayName(
      "contract search: finds a subject by phone in any form, e-mail in any case, customer id;"
          + " nothing else; service role only")
  void searchFindsSubjectByNormalisedIdentifiersForServiceOnly() {
    Held held = holdSubject(newPurpose("tm", "TELEMARKETING"));
    String ref = held.ref().toString();
    String national = e164(held.phone()).substring(3); // 347...

    assertEquals(List.of(ref), found(byPhone(held.phone())));
    assertEquals(
        List.of(ref),
        found(byPhone("0039 " + national.substring(0, 3) + " " + national.substring(3))));
    assertEquals(List.of(ref), found(byPhone("0039" + national)));
    assertEquals(List.of(ref), found(byPhone(e164(held.phone()))));
    assertEquals(
        List.of(ref),
        found(byPhone("+39-" + national.substring(0, 3) + "-" + national.substring(3))));
    assertEquals(List.of(ref), found(byEmail(held.email().toUpperCase())));
    assertEquals(List.of(ref), found(byEmail(held.email().toLowerCase())));
    assertEquals(List.of(ref), found(byCustomerId(held.customerId())));

    // Nothing matching: an empty list, not a 404.
    assertEquals(List.of(), found(byPhone(randomPhone())));
    assertEquals(List.of(), found(byEmail("nobody." + suffix() + "@example.it")));
    assertEquals(List.of(), found(byCustomerId("CUST-" + suffix())));

    // A malformed number: 400 naming the field, as a problem document.
    search(service(), byPhone("12-not-a-phone"))
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", hasItem(endsWith("phone")));

    // Service role only.
    search(agent(), byPhone(held.phone())).then().statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(byPhone(held.phone()))
        .post(BASE + "/search")
        .then()
        .statusCode(401);
  }

  // ------------------------------------------------------------------ export ----

  @Test
  @DisplayName(
      "contract export (rule 9): identifiers in clear, every consent event, objections, receipts,"
          + " purposes with basis and retention, sources with seller, categories; audited")
  void exportContainsEverythingHeldAndIsAudited() {
    String tm = newPurpose("tm", "TELEMARKETING");
    String prof = newPurpose("prof", "PROFILING");
    Instant start = now().minusSeconds(900);

    Map<String, Object> first = givenOnCall(randomPhone(), tm);
    String phone = (String) ((Map<?, ?>) first.get("subject")).get("phone");
    String email = "Anna.Bianchi." + suffix() + "@Example.IT";
    String customerId = "CUST-" + suffix();
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("phone", phone);
    ids.put("email", email);
    ids.put("customerId", customerId);
    first.put("subject", ids);
    first.put("occurredAt", start.toString());
    Response given1 = record(first);
    UUID ref = UUID.fromString(given1.jsonPath().getString("subjectRef"));

    Map<String, Object> bought = givenOnCall(ref, prof);
    bought.put("occurredAt", start.plusSeconds(60).toString());
    bought.put(
        "provenance", Map.of("source", "PURCHASED_LIST", "sellerChain", List.of("Seller srl")));
    Response given2 = record(bought);

    Map<String, Object> withdraw = withdrawn(ref, tm);
    withdraw.put("occurredAt", start.plusSeconds(120).toString());
    Response withdrawn1 = record(withdraw);

    Instant objectedAt = start.plusSeconds(180);
    object(ref, objectedAt);

    long exportsBefore = auditEntries("subject.exported", ref);
    JsonPath export =
        export(service(), ref)
            .then()
            .statusCode(200)
            .contentType(ContentType.JSON)
            .body("service", equalTo("consent-service"))
            .body("subjectRef", equalTo(ref.toString()))
            .body("createdAt", notNullValue())
            .body("recipients", empty())
            .extract()
            .jsonPath();

    // Identifiers in clear: the phone in E.164, the e-mail normalised, the customer id.
    assertEquals(e164(phone), export.getString("identifiers.phone"));
    assertEquals(email.toLowerCase(), export.getString("identifiers.email"));
    assertEquals(customerId, export.getString("identifiers.customerId"));

    List<String> categories = export.getList("categories", String.class);
    assertTrue(
        categories.containsAll(List.of("contact details", "consent records", "objections")),
        "categories " + categories);

    // The purposes used, with their terms.
    List<Map<String, Object>> purposes = export.getList("purposes");
    assertEquals(
        Set.of(tm, prof), purposes.stream().map(p -> p.get("code")).collect(Collectors.toSet()));
    for (Map<String, Object> p : purposes) {
      String code = (String) p.get("code");
      assertEquals("Purpose " + code, p.get("name"));
      assertEquals("CONSENT", p.get("legalBasis"), code);
      assertEquals(code.equals(tm) ? "TELEMARKETING" : "PROFILING", p.get("category"), code);
      assertEquals(730L, number(p.get("retentionDays")), code);
    }

    // The sources: own collection, and the bought list with its seller.
    List<Map<String, Object>> sources = export.getList("sources");
    assertTrue(
        sources.contains(Map.of("source", "OWN_COLLECTION")), "own collection in " + sources);
    assertTrue(
        sources.contains(Map.of("source", "PURCHASED_LIST", "seller", "Seller srl")),
        "purchased list with seller in " + sources);
    assertEquals(2, sources.size(), "sources " + sources);

    // Every consent event, given and withdrawn.
    List<Map<String, Object>> consents = export.getList("consents");
    assertEquals(3, consents.size(), "consents " + consents);
    assertEquals(
        List.of(
            given1.jsonPath().getString("id"),
            given2.jsonPath().getString("id"),
            withdrawn1.jsonPath().getString("id")),
        consents.stream().map(c -> c.get("id")).toList());
    assertEquals(
        List.of("GIVEN", "GIVEN", "WITHDRAWN"),
        consents.stream().map(c -> c.get("state")).toList());
    assertEquals(List.of(tm, prof, tm), consents.stream().map(c -> c.get("purpose")).toList());

    // The objection.
    List<Map<String, Object>> objections = export.getList("objections");
    assertEquals(1, objections.size(), "objections " + objections);
    assertEquals("CALLBACK", objections.get(0).get("channel"));
    assertEquals(objectedAt, Instant.parse((String) objections.get(0).get("occurredAt")));

    // The receipts as the signed JWS the subject was given.
    List<Map<String, Object>> receipts = export.getList("receipts");
    assertEquals(3, receipts.size(), "receipts " + receipts);
    Map<String, String> jwsById =
        receipts.stream()
            .collect(Collectors.toMap(r -> (String) r.get("id"), r -> (String) r.get("jws")));
    for (Response recorded : List.of(given1, given2, withdrawn1)) {
      String receiptId = recorded.jsonPath().getString("receiptId");
      assertEquals(recorded.jsonPath().getString("receipt"), jwsById.get(receiptId), receiptId);
      assertTrue(jwsById.get(receiptId).matches(JWS));
    }
    receipts.forEach(r -> assertNotNull(r.get("issuedAt")));

    assertEquals(exportsBefore + 1, auditEntries("subject.exported", ref));

    // Service role only; unknown subjects are 404.
    export(agent(), ref).then().statusCode(403);
    given().get(BASE + "/" + ref).then().statusCode(401);
    export(service(), UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
  }

  // ------------------------------------------------------------------ erase ----

  @Test
  @DisplayName(
      "contract erase (rule 9): erases records and identifiers, reports what was kept and why;"
          + " the number goes on the suppression list (ERASURE); the audit trail stays intact")
  void eraseRemovesEverythingAndKeepsSuppressionAndAudit() {
    String tm = newPurpose("tm", "TELEMARKETING");
    String prof = newPurpose("prof", "PROFILING");
    Held held = holdSubject(tm);
    UUID ref = held.ref();
    record(givenOnCall(ref, prof));
    consentsOf(ref).then().statusCode(200); // warm the state cache: erasure must clear it
    String phoneIndex = phoneIndexOf(ref);
    assertEquals(
        0, count(db, "SELECT count(*) FROM suppression WHERE phone_index = ?", phoneIndex));
    long suppressionBefore = suppressionRows();

    JsonPath report = erased(ref);
    assertEquals(ref.toString(), report.getString("subjectRef"));
    assertNotNull(report.getString("erasedAt"));
    assertFalse(report.getBoolean("alreadyErased"));
    Map<String, Object> erased = report.getMap("erased");
    assertEquals(2L, number(erased.get("consent records")), "erased " + erased);
    assertEquals(2L, number(erased.get("receipts")), "erased " + erased);
    assertEquals(0L, number(erased.get("objections")), "erased " + erased);
    assertEquals(3L, number(erased.get("identifiers")), "erased " + erased);

    List<Map<String, Object>> kept = report.getList("kept");
    assertEquals(3, kept.size(), "kept " + kept);
    kept.forEach(
        k -> {
          assertFalse(((String) k.get("what")).isBlank(), "kept " + k);
          assertFalse(((String) k.get("why")).isBlank(), "kept " + k);
        });
    assertTrue(
        kept.stream()
            .anyMatch(
                k -> {
                  String what = ((String) k.get("what")).toLowerCase();
                  return what.contains("phone") && what.contains("suppression");
                }),
        "a kept item names the phone hash on the suppression list: " + kept);
    assertTrue(
        kept.stream().anyMatch(k -> ((String) k.get("what")).toLowerCase().contains("audit")),
        "a kept item names the audit trail: " + kept);
    assertTrue(
        kept.stream()
            .anyMatch(
                k ->
                    ((String) k.get("what")).contains("dial-check evidence")
                        && ((String) k.get("why")).contains("legal hold")),
        "a kept item names the dial-check evidence and its legal hold: " + kept);

    // Gone from every read path.
    export(service(), ref).then().statusCode(404).contentType(PROBLEM_JSON);
    consentsOf(ref).then().statusCode(404);
    assertEquals(List.of(), found(byPhone(held.phone())));
    assertEquals(List.of(), found(byEmail(held.email())));
    assertEquals(List.of(), found(byCustomerId(held.customerId())));

    // Gone from the database; only the suppression entry is left of the number.
    nothingLeftOf(ref);
    assertEquals(suppressionBefore + 1, suppressionRows());
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM suppression WHERE phone_index = ? AND reason = 'ERASURE' AND"
                + " objected_at IS NULL",
            phoneIndex));

    assertEquals(1, auditEntries("subject.erased", ref));
    auditTrailIntact();
  }

  @Test
  @DisplayName(
      "rule 4: erasing a subject who objected keeps the number on the suppression list with the"
          + " objection date (OBJECTION)")
  void eraseOfAnObjectorKeepsTheObjectionOnTheSuppressionList() {
    String tm = newPurpose("tm", "TELEMARKETING");
    long suppressionBefore = suppressionRows();
    Held held = holdSubject(tm);
    UUID ref = held.ref();
    String phoneIndex = phoneIndexOf(ref);
    Instant objectedAt = now().minusSeconds(300);
    object(ref, objectedAt);

    JsonPath report = erased(ref);
    assertFalse(report.getBoolean("alreadyErased"));
    Map<String, Object> erased = report.getMap("erased");
    assertEquals(1L, number(erased.get("consent records")), "erased " + erased);
    assertEquals(1L, number(erased.get("receipts")), "erased " + erased);
    assertEquals(1L, number(erased.get("objections")), "erased " + erased);
    assertEquals(3L, number(erased.get("identifiers")), "erased " + erased);

    nothingLeftOf(ref);
    assertEquals(suppressionBefore + 1, suppressionRows());
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM suppression WHERE phone_index = ? AND reason = 'OBJECTION' AND"
                + " objected_at = ?",
            phoneIndex,
            OffsetDateTime.ofInstant(objectedAt, ZoneOffset.UTC)));
    assertEquals(1, auditEntries("subject.erased", ref));
    auditTrailIntact();
  }

  @Test
  @DisplayName("contract erase: idempotent; unknown subject 404; service role only")
  void eraseIsIdempotentAndServiceOnly() {
    Held held = holdSubject(newPurpose("tm", "TELEMARKETING"));
    UUID ref = held.ref();

    // Not for agents, nor without a token: nothing erased.
    erase(agent(), ref).then().statusCode(403);
    given().delete(BASE + "/" + ref).then().statusCode(401);
    export(service(), ref).then().statusCode(200);

    JsonPath first = erased(ref);
    assertFalse(first.getBoolean("alreadyErased"));
    String erasedAtRow = "SELECT erased_at::text FROM subject WHERE ref = ?";
    List<String> erasedAt = texts(db, erasedAtRow, ref);
    long suppression = suppressionRows();
    long erasedEntries = auditEntries("subject.erased", ref);
    long allAudit = count(db, "SELECT count(*) FROM audit_entry");

    JsonPath second = erased(ref);
    assertEquals(ref.toString(), second.getString("subjectRef"));
    assertTrue(second.getBoolean("alreadyErased"));
    assertEquals(
        Instant.parse(first.getString("erasedAt")), Instant.parse(second.getString("erasedAt")));
    Map<String, Object> erasedAgain = second.getMap("erased");
    erasedAgain.values().forEach(v -> assertEquals(0L, number(v), "erased again " + erasedAgain));
    assertEquals(first.getList("kept"), second.getList("kept"));

    // Nothing changed.
    assertEquals(erasedAt, texts(db, erasedAtRow, ref));
    assertEquals(suppression, suppressionRows());
    assertEquals(erasedEntries, auditEntries("subject.erased", ref));
    assertEquals(allAudit, count(db, "SELECT count(*) FROM audit_entry"));
    nothingLeftOf(ref);

    // Never held: 404.
    erase(service(), UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
  }

  @Test
  @DisplayName(
      "contract erase: a subject without a phone number gets no suppression entry, and no"
          + " report, first or repeated, claims one was kept")
  void eraseOfSubjectWithoutPhoneReportsNoSuppressionEntry() {
    String tm = newPurpose("tm", "TELEMARKETING");
    Map<String, Object> body = givenOnCall(randomPhone(), tm);
    body.put("subject", byEmail("no.phone." + suffix() + "@example.it"));
    UUID ref = UUID.fromString(record(body).jsonPath().getString("subjectRef"));
    long suppressionBefore = suppressionRows();

    JsonPath first = erased(ref);
    assertFalse(first.getBoolean("alreadyErased"));
    assertEquals(1L, number(first.getMap("erased").get("identifiers")));
    JsonPath second = erased(ref);
    assertTrue(second.getBoolean("alreadyErased"));

    assertEquals(suppressionBefore, suppressionRows());
    for (JsonPath report : List.of(first, second)) {
      List<Map<String, Object>> kept = report.getList("kept");
      assertTrue(
          kept.stream()
              .noneMatch(k -> ((String) k.get("what")).toLowerCase().contains("suppression")),
          "alreadyErased=" + report.getBoolean("alreadyErased") + " kept " + kept);
    }
    assertEquals(first.getList("kept"), second.getList("kept"));
  }

  // ------------------------------------------------------------------ after erasure ----

  @Test
  @DisplayName(
      "rule 4: an objection survives erasure: the number registered again as a new subject is"
          + " still on the suppression list")
  void objectionSurvivesErasureAndReRegistration() {
    String tm = newPurpose("tm", "TELEMARKETING");
    String phone = randomPhone();
    UUID old = give(phone, tm);
    String phoneIndex = phoneIndexOf(old);
    object(old, now().minusSeconds(60));
    erased(old);

    // The same person calls again and is registered afresh (number written another way).
    UUID fresh = give(e164(phone), newPurpose("tm", "TELEMARKETING"));
    assertNotEquals(old, fresh);
    assertEquals(phoneIndex, phoneIndexOf(fresh));
    assertEquals(List.of(fresh.toString()), found(byPhone(phone)));

    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM suppression s JOIN subject su ON su.phone_index = s.phone_index"
                + " WHERE su.ref = ? AND s.reason = 'OBJECTION' AND s.objected_at IS NOT NULL",
            fresh));
  }

  @Test
  @DisplayName("contract erase: an erased subject reference takes no new consent or objection")
  void erasedSubjectRefTakesNoNewRecords() {
    String tm = newPurpose("tm", "TELEMARKETING");
    UUID ref = give(randomPhone(), tm);
    erased(ref);
    ConsentFixtures.Counts before = ConsentFixtures.Counts.of(db);

    postConsent(givenOnCall(ref, tm)).then().statusCode(404).contentType(PROBLEM_JSON);
    Map<String, Object> objection = new LinkedHashMap<>();
    objection.put("subjectRef", ref.toString());
    objection.put("channel", "CALL");
    as(agent()).body(objection).post("/v1/objections").then().statusCode(404);

    assertEquals(before, ConsentFixtures.Counts.of(db));
    nothingLeftOf(ref);
  }
}

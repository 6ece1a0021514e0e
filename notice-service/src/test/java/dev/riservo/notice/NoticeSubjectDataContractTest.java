package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.PROBLEM_JSON;
import static dev.riservo.notice.NoticeFixtures.agent;
import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.count;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.PresentationFixtures.SUBJECT_DATA;
import static dev.riservo.notice.PresentationFixtures.byPhone;
import static dev.riservo.notice.PresentationFixtures.present;
import static dev.riservo.notice.PresentationFixtures.presentation;
import static dev.riservo.notice.PresentationFixtures.publishInForce;
import static dev.riservo.notice.PresentationFixtures.randomPhone;
import static dev.riservo.notice.PresentationFixtures.rightsService;
import static dev.riservo.notice.PresentationFixtures.suffix;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.notice.PresentationFixtures.Published;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The internal data-source contract (DESIGN.md) of notice-service: search, export, erase, rectify,
 * restrict.
 */
@QuarkusTest
class NoticeSubjectDataContractTest {

  private static final String PRESENTATIONS_PART = "parts.find { it.part == 'presentations' }";

  @Inject AgroalDataSource db;

  @Inject
  @DataSource("keys")
  AgroalDataSource keys;

  /**
   * A person presented a version (with an Idempotency-Key): their ref, phone, e-mail, customer id
   * and key.
   */
  private record Held(
      String ref,
      String phone,
      String email,
      String customerId,
      String key,
      Map<String, Object> body) {}

  private static Held hold() {
    Published v = publishInForce();
    String phone = randomPhone();
    String email = "Giulia.Verdi." + suffix() + "@Example.IT";
    String customerId = "CUST-" + suffix();
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("phone", phone);
    ids.put("email", email);
    ids.put("customerId", customerId);
    Map<String, Object> body = presentation(ids, v);
    String key = UUID.randomUUID().toString();
    String ref =
        as(agent())
            .header("Idempotency-Key", key)
            .body(body)
            .post(PresentationFixtures.PRESENTATIONS)
            .then()
            .statusCode(201)
            .extract()
            .path("subjectRef");
    return new Held(ref, phone, email, customerId, key, body);
  }

  private static List<String> found(Map<String, Object> ids) {
    return as(rightsService())
        .body(ids)
        .post(SUBJECT_DATA + "/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("subjectRefs", String.class);
  }

  private static Response erase(String ref, boolean dryRun) {
    return as(rightsService()).queryParam("dryRun", dryRun).delete(SUBJECT_DATA + "/" + ref);
  }

  private long presentationsOf(String ref) {
    return count(
        db, "SELECT count(*) FROM presentation WHERE subject_ref = ?", UUID.fromString(ref));
  }

  @Test
  @DisplayName(
      "contract search: by phone in any form, e-mail in any case, customer id; service role only")
  void searchFindsTheSubjectByNormalisedIdentifiers() {
    Held held = hold();
    String national = held.phone().substring(4).replace(" ", "");
    assertEquals(List.of(held.ref()), found(byPhone("0039" + national)));
    assertEquals(
        List.of(held.ref()), found(Map.of("email", held.email().toLowerCase(Locale.ROOT))));
    assertEquals(List.of(held.ref()), found(Map.of("customerId", held.customerId())));
    assertEquals(List.of(), found(byPhone(randomPhone())));
    as(rightsService())
        .body(Map.of())
        .post(SUBJECT_DATA + "/search")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    for (String token : new String[] {agent(), dpo()}) {
      as(token).body(byPhone(held.phone())).post(SUBJECT_DATA + "/search").then().statusCode(403);
    }
    given()
        .contentType("application/json")
        .body(byPhone(held.phone()))
        .post(SUBJECT_DATA + "/search")
        .then()
        .statusCode(401);
  }

  @Test
  @DisplayName(
      "contract export: identifiers and presentations with categories, purposes, source, retention; audited")
  void exportHoldsEverythingWithItsTerms() {
    Held held = hold();
    as(rightsService())
        .get(SUBJECT_DATA + "/" + held.ref())
        .then()
        .statusCode(200)
        .body("service", equalTo("notice-service"))
        .body("identifiers.email", equalTo(held.email().toLowerCase(Locale.ROOT)))
        .body("identifiers.customerId", equalTo(held.customerId()))
        .body("identifiers.phone", notNullValue())
        // every part, by name (the order is by name; other features add parts)
        .body("parts.part", hasItems("presentations", "staff acknowledgements"))
        .body(PRESENTATIONS_PART + ".categories", hasSize(3))
        .body(
            PRESENTATIONS_PART + ".purposes[0].legalBasis",
            equalTo("LEGAL_OBLIGATION (Art. 6(1)(c))"))
        .body(PRESENTATIONS_PART + ".source", notNullValue())
        .body(PRESENTATIONS_PART + ".retention", notNullValue())
        .body(PRESENTATIONS_PART + ".records", hasSize(1))
        .body("parts.find { it.part == 'staff acknowledgements' }.records", hasSize(0));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'subject.exported' AND subject_ref = ?",
            held.ref()));
    as(rightsService())
        .get(SUBJECT_DATA + "/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
    as(dpo()).get(SUBJECT_DATA + "/" + held.ref()).then().statusCode(403);
  }

  @Test
  @DisplayName("contract erase, dryRun: the plan, and nothing changed")
  void dryRunAnswersThePlanAndChangesNothing() {
    Held held = hold();
    erase(held.ref(), true)
        .then()
        .statusCode(200)
        .body("dryRun", equalTo(true))
        .body("alreadyErased", equalTo(false))
        .body("erasedAt", nullValue())
        .body("erased.presentations", equalTo(1))
        .body("erased.identifiers", equalTo(3))
        .body("erased.'stored answers to retried requests'", equalTo(1));
    assertEquals(1, presentationsOf(held.ref()));
    assertEquals(List.of(held.ref()), found(byPhone(held.phone())));
    as(rightsService()).get(SUBJECT_DATA + "/" + held.ref()).then().statusCode(200);
  }

  @Test
  @DisplayName(
      "contract erase: key shredded, presentations gone, export 404, search finds nothing, retry 410, idempotent")
  void erasureLeavesNothingButWhatItReports() {
    Held held = hold();
    erase(held.ref(), false)
        .then()
        .statusCode(200)
        .body("subjectRef", equalTo(held.ref()))
        .body("alreadyErased", equalTo(false))
        .body("erasedAt", notNullValue())
        .body("erased.presentations", equalTo(1))
        .body("erased.identifiers", equalTo(3))
        .body("kept.what", hasItem(org.hamcrest.Matchers.startsWith("audit trail entries")));
    assertEquals(0, presentationsOf(held.ref()));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM subject WHERE ref = ? AND erased_at IS NOT NULL"
                + " AND phone_sealed IS NULL AND email_sealed IS NULL AND customer_id_sealed IS NULL"
                + " AND phone_index IS NULL AND email_index IS NULL AND customer_id_index IS NULL",
            UUID.fromString(held.ref())));
    assertEquals(
        1,
        count(
            keys,
            "SELECT count(*) FROM data_key WHERE subject_ref = ? AND wrapped IS NULL AND shredded_at IS NOT NULL",
            held.ref()));
    as(rightsService()).get(SUBJECT_DATA + "/" + held.ref()).then().statusCode(404);
    assertEquals(List.of(), found(byPhone(held.phone())));
    assertEquals(List.of(), found(Map.of("email", held.email())));
    // A retry of the first request gets a 410, never the stored answer nor a second write.
    as(agent())
        .header("Idempotency-Key", held.key())
        .body(held.body())
        .post(PresentationFixtures.PRESENTATIONS)
        .then()
        .statusCode(410)
        .contentType(PROBLEM_JSON);
    assertEquals(0, presentationsOf(held.ref()));
    erase(held.ref(), false).then().statusCode(200).body("alreadyErased", equalTo(true));
    erase(held.ref(), true).then().statusCode(200).body("alreadyErased", equalTo(true));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'subject.erased' AND subject_ref = ?",
            held.ref()));
    // A new presentation to the same person makes a new subject, under a new key.
    String again =
        present(agent(), presentation(byPhone(held.phone()), publishInForce()))
            .then()
            .statusCode(201)
            .extract()
            .path("subjectRef");
    org.junit.jupiter.api.Assertions.assertNotEquals(held.ref(), again);
    erase(UUID.randomUUID().toString(), false).then().statusCode(404).contentType(PROBLEM_JSON);
  }

  @Test
  @DisplayName(
      "contract rectify (Art. 16): identifiers replaced and re-indexed, statement kept sealed; 409 for another's")
  void rectificationReplacesIdentifiers() {
    Held held = hold();
    Held other = hold();
    String newEmail = "giulia.nuova." + suffix() + "@example.it";
    as(rightsService())
        .body(
            Map.of(
                "identifiers",
                Map.of("email", newEmail),
                "statement",
                "Il mio indirizzo è cambiato"))
        .patch(SUBJECT_DATA + "/" + held.ref())
        .then()
        .statusCode(200)
        .body("identifiers", equalTo(List.of("email")))
        .body("statement", equalTo(true));
    assertEquals(List.of(held.ref()), found(Map.of("email", newEmail)));
    assertEquals(List.of(), found(Map.of("email", held.email())));
    as(rightsService())
        .get(SUBJECT_DATA + "/" + held.ref())
        .then()
        .statusCode(200)
        .body("identifiers.email", equalTo(newEmail))
        .body("supplementaryStatement", equalTo("Il mio indirizzo è cambiato"));
    as(rightsService())
        .body(Map.of("identifiers", Map.of("email", other.email())))
        .patch(SUBJECT_DATA + "/" + held.ref())
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON);
    as(rightsService())
        .body(Map.of())
        .patch(SUBJECT_DATA + "/" + held.ref())
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    as(rightsService())
        .body(Map.of("identifiers", Map.of("phone", "nope")))
        .patch(SUBJECT_DATA + "/" + held.ref())
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("identifiers.phone"));
    assertEquals(List.of(held.ref()), found(Map.of("email", newEmail)));
  }

  @Test
  @DisplayName(
      "contract restriction (Art. 18): put with a ground, shown in the export, lifted; unknown ground 400")
  void restrictionIsSetShownAndLifted() {
    Held held = hold();
    String path = SUBJECT_DATA + "/" + held.ref() + "/restriction";
    as(rightsService())
        .body(Map.of("ground", "ACCURACY_CONTESTED"))
        .put(path)
        .then()
        .statusCode(200)
        .body("since", notNullValue())
        .body("ground", equalTo("ACCURACY_CONTESTED"));
    as(rightsService())
        .get(SUBJECT_DATA + "/" + held.ref())
        .then()
        .statusCode(200)
        .body("restriction.reason", equalTo("ACCURACY_CONTESTED"));
    as(rightsService())
        .body(Map.of("ground", "BECAUSE"))
        .put(path)
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    as(rightsService()).delete(path).then().statusCode(200).body("since", nullValue());
    as(rightsService()).delete(path).then().statusCode(200);
    as(rightsService())
        .get(SUBJECT_DATA + "/" + held.ref())
        .then()
        .statusCode(200)
        .body("restriction", nullValue());
    as(agent()).body(Map.of("ground", "LEGAL_CLAIMS")).put(path).then().statusCode(403);
  }
}

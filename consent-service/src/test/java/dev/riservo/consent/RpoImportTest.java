package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.digits;
import static dev.riservo.consent.ConsentFixtures.dpo;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.consent.dialcheck.domain.DialFacts.RpoEntry;
import dev.riservo.consent.rpo.service.RpoRegister;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** POST /v1/rpo/consultations: the register's answer file, streamed into blind indexes. */
@QuarkusTest
class RpoImportTest {

  @Inject AgroalDataSource db;

  @Inject RpoRegister register;

  private static Response upload(String bearer, String consultedOn, String csv) {
    return given()
        .header("Authorization", bearer)
        .contentType("text/csv")
        .queryParam("consultedOn", consultedOn)
        .body(csv)
        .post("/v1/rpo/consultations");
  }

  private static String today() {
    return LocalDate.now().minusDays(1).toString();
  }

  @Test
  @DisplayName(
      "rule 5: a consultation imports every line; a number written five ways is one number; bad"
          + " lines are listed by line number only")
  void importsAConsultation() {
    String local = "06" + digits(8); // a Rome landline, national form
    String rome = local.substring(0, 2) + " " + local.substring(2, 6) + " " + local.substring(6);
    String mobile = "347" + digits(7);
    String other = "348" + digits(7);
    String csv =
        "number,registered,registered_on,reallowed\n"
            + "+39 "
            + rome
            + ",true,2025-06-01,false\n"
            + "0039"
            + local
            + ",true,2025-06-01,false\n"
            + local
            + ",true,2025-06-01,false\n"
            + "+39-"
            + mobile.substring(0, 3)
            + "-"
            + mobile.substring(3)
            + ",false,,\n"
            + other
            + ",yes,2024-01-10,yes\n"
            + "not-a-number-"
            + digits(4)
            + ",true,2025-06-01,false\n"
            + "3491234567,true,,false\n"
            + "3491234568,maybe,2025-01-01,false\n";
    JsonPath done =
        upload(supervisor(), today(), csv)
            .then()
            .statusCode(201)
            .header("Location", org.hamcrest.Matchers.containsString("/v1/rpo/consultations/"))
            .body("status", equalTo("DONE"))
            .extract()
            .jsonPath();
    assertEquals(8, done.getLong("linesRead"));
    assertEquals(5, done.getLong("entries"));
    assertEquals(3, done.getLong("rejected"));
    List<Map<String, Object>> rejected = done.getList("rejectedLines");
    assertEquals(List.of(7, 8, 9), rejected.stream().map(r -> r.get("line")).toList());
    String rejections = rejected.toString();
    assertFalse(rejections.contains("not-a-number"), "a rejection never repeats the line");
    assertFalse(rejections.contains("3491234567"), "a rejection never repeats the number");

    // The three forms of the landline are one number, registered; the register answers in memory.
    for (String form : List.of(local, "+39" + local, "0039 " + rome, "+39 " + rome)) {
      RpoEntry entry = register.lookup(form);
      assertNotNull(entry, "the register knows " + form.length() + "-character form");
      assertTrue(entry.registered());
      assertEquals(LocalDate.parse("2025-06-01"), entry.registeredOn());
      assertEquals(Set.of(), entry.reallowedOperators());
    }
    RpoEntry free = register.lookup("+39 " + mobile);
    assertFalse(free.registered());
    assertNull(free.registeredOn());
    RpoEntry reallowed = register.lookup(other);
    assertTrue(reallowed.registered());
    assertEquals(Set.of("operator"), reallowed.reallowedOperators());
    assertNull(register.lookup("3471112223"), "a number no consultation covered");

    // Nothing in clear in the database.
    assertEquals(
        0,
        count(
            db,
            "SELECT count(*) FROM rpo_entry WHERE phone_index LIKE ? OR phone_index LIKE ?",
            "%" + local + "%",
            "%" + mobile + "%"));
    String id = done.getString("id");
    given()
        .header("Authorization", dpo())
        .get("/v1/rpo/consultations/" + id)
        .then()
        .statusCode(200)
        .body("entries", equalTo(5))
        .body("status", equalTo("DONE"));
    assertTrue(
        count(
                db,
                "SELECT count(*) FROM audit_entry WHERE action = 'rpo.consultation.imported' AND"
                    + " details LIKE ?",
                "%" + id + "%")
            == 1);
  }

  @Test
  @DisplayName("rule 5: the newest consultation of a number wins, whatever order they arrive in")
  void newestConsultationWins() {
    String number = "347" + digits(7);
    upload(supervisor(), LocalDate.now().minusDays(3).toString(), header(number, "false", ""))
        .then()
        .statusCode(201);
    assertFalse(register.lookup(number).registered());
    upload(
            supervisor(),
            LocalDate.now().minusDays(1).toString(),
            header(number, "true", "2026-01-01"))
        .then()
        .statusCode(201);
    assertTrue(register.lookup(number).registered());
    // An older consultation imported late changes nothing.
    upload(supervisor(), LocalDate.now().minusDays(10).toString(), header(number, "false", ""))
        .then()
        .statusCode(201);
    RpoEntry entry = register.lookup(number);
    assertTrue(entry.registered());
    assertEquals(LocalDate.now().minusDays(1), entry.consultedOn());
  }

  @Inject dev.riservo.consent.rpo.service.RpoRetention retention;

  @Test
  @DisplayName(
      "rule 5: a consultation past its retention (60 days) is retired: entries dropped, row kept")
  void oldConsultationsAreRetired() {
    String old = "347" + digits(7);
    String recent = "348" + digits(7);
    String oldId =
        upload(
                supervisor(),
                LocalDate.now().minusDays(61).toString(),
                header(old, "true", "2020-01-01"))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("id");
    upload(supervisor(), LocalDate.now().minusDays(1).toString(), header(recent, "false", ""))
        .then()
        .statusCode(201);
    assertTrue(register.lookup(old) != null);
    assertTrue(retention.retireDue() >= 1);
    assertEquals(null, register.lookup(old)); // the call needs a new consultation (rule 5)
    assertFalse(register.lookup(recent).registered());
    given()
        .header("Authorization", supervisor())
        .get("/v1/rpo/consultations/" + oldId)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("RETIRED"))
        .body("entries", org.hamcrest.Matchers.equalTo(1));
    assertEquals(
        0,
        ConsentFixtures.count(
            db,
            "SELECT count(*) FROM pg_class WHERE relname = ?",
            "rpo_entry_" + oldId.replace("-", "")));
    assertEquals(0, retention.retireDue()); // nothing left to retire twice
  }

  private static String header(String number, String registered, String on) {
    return "number,registered,registered_on,reallowed\n"
        + number
        + ","
        + registered
        + ","
        + on
        + ",\n";
  }

  @Test
  void aLineWithoutEndIsRefusedBeforeItFillsTheMemory() {
    String number = "347" + digits(7);
    String csv =
        "number,registered,registered_on,reallowed\n"
            + number
            + ",false,,false\n"
            + number
            + "x".repeat(100_000);
    upload(supervisor(), today(), csv)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("line 3"))
        .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(number)));
  }

  @Test
  void aFileWithoutItsHeaderIsRefusedAndNothingIsKept() {
    String number = "347" + digits(7);
    long before = count(db, "SELECT count(*) FROM rpo_entry");
    upload(supervisor(), today(), number + ",true,2025-01-01,false\n")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(number)));
    assertEquals(before, count(db, "SELECT count(*) FROM rpo_entry"));
    assertTrue(count(db, "SELECT count(*) FROM rpo_consultation WHERE status = 'FAILED'") >= 1);
  }

  @Test
  void theConsultationDayIsRequiredAndCannotBeInTheFuture() {
    String csv = header("347" + digits(7), "false", "");
    upload(supervisor(), null, csv).then().statusCode(400);
    upload(supervisor(), "yesterday", csv).then().statusCode(400);
    upload(supervisor(), LocalDate.now().plusDays(2).toString(), csv).then().statusCode(400);
  }

  @Test
  void onlyASupervisorImportsAndAMadeUpConsultationIs404() {
    String csv = header("347" + digits(7), "false", "");
    upload(ConsentFixtures.agent(), today(), csv).then().statusCode(403);
    upload(dpo(), today(), csv).then().statusCode(403);
    given()
        .contentType("text/csv")
        .queryParam("consultedOn", today())
        .body(csv)
        .post("/v1/rpo/consultations")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", supervisor())
        .get("/v1/rpo/consultations/" + java.util.UUID.randomUUID())
        .then()
        .statusCode(404);
  }
}

package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.agent;
import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.PresentationFixtures.digits;
import static dev.riservo.notice.PresentationFixtures.presentation;
import static dev.riservo.notice.PresentationFixtures.publishInForce;
import static dev.riservo.notice.PresentationFixtures.rightsService;
import static dev.riservo.notice.PresentationFixtures.suffix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Personal data is encrypted per field before it reaches the database": identifiers planted
 * through presentations, searches and a rectification are found in no notice-service table.
 */
@QuarkusTest
class PresentationPersonalDataAtRestTest {

  private static final List<String> TABLES =
      List.of("subject", "presentation", "idempotent_request", "audit_entry");

  @Inject AgroalDataSource db;

  @Test
  @DisplayName("no planted phone, e-mail, customer id or statement is stored in clear, in any form")
  void plantedIdentifiersAreNowhereInClear() throws SQLException {
    String sfx = suffix();
    String local = digits(7);
    String phone = "+39 347 " + local;
    String email = "Mario.Rossi." + sfx + "@Example.COM";
    String customerId = "Rossi Mario " + sfx;
    String statement = "Abito in via Garibaldi " + sfx;
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("phone", phone);
    ids.put("email", email);
    ids.put("customerId", customerId);
    String ref =
        as(agent())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(presentation(ids, publishInForce()))
            .post(PresentationFixtures.PRESENTATIONS)
            .then()
            .statusCode(201)
            .extract()
            .path("subjectRef");
    as(dpo())
        .body(Map.of("customerId", customerId))
        .post(PresentationFixtures.PRESENTATIONS + "/search")
        .then()
        .statusCode(200);
    as(rightsService())
        .body(Map.of("statement", statement))
        .patch(PresentationFixtures.SUBJECT_DATA + "/" + ref)
        .then()
        .statusCode(200);
    as(rightsService()).get(PresentationFixtures.SUBJECT_DATA + "/" + ref).then().statusCode(200);

    List<String> forms =
        List.of(
            phone,
            "+39347" + local,
            "39347" + local,
            "347" + local,
            email,
            email.toLowerCase(Locale.ROOT),
            customerId,
            customerId.toLowerCase(Locale.ROOT),
            statement);
    List<String> leaks = new ArrayList<>();
    int rows = 0;
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet r = s.executeQuery("SELECT t::text FROM " + table + " t")) {
          while (r.next()) {
            rows++;
            String row = r.getString(1);
            for (String form : forms) {
              if (row.toLowerCase(Locale.ROOT).contains(form.toLowerCase(Locale.ROOT))) {
                leaks.add(table + " holds a form of a planted identifier");
              }
            }
          }
        }
      }
    }
    assertEquals(List.of(), leaks);
    org.junit.jupiter.api.Assertions.assertTrue(rows > 3, "the scan saw the rows written");
  }
}

package dev.riservo.consent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shared helpers of the consent API tests: tokens, unique data per test, request bodies, raw SQL.
 * Tests in one run share the application and the database, so every helper makes unique data.
 */
final class ConsentFixtures {

  static final String PROBLEM = "https://riservo.dev/problems/";
  static final String PROBLEM_JSON = "application/problem+json";

  private static final SecureRandom RANDOM = new SecureRandom();

  private ConsentFixtures() {}

  // ------------------------------------------------------------------ tokens ----

  static String admin() {
    return TestTokens.bearer("ada-admin", "admin");
  }

  static String agent() {
    return TestTokens.bearer("alice-agent", "agent");
  }

  static String agent(String user) {
    return TestTokens.bearer(user, "agent");
  }

  static String supervisor() {
    return TestTokens.bearer("sam-supervisor", "supervisor");
  }

  static String dpo() {
    return TestTokens.bearer("dora-dpo", "dpo");
  }

  static RequestSpecification as(String bearer) {
    return given().header("Authorization", bearer).contentType(ContentType.JSON);
  }

  /**
   * 11:00 in Rome on the latest weekday before today that is no Italian public holiday: an instant
   * within the calling hours for dial checks that decide for a past call.
   */
  static Instant lastWorkingMorning() {
    java.time.ZoneId rome = java.time.ZoneId.of("Europe/Rome");
    dev.riservo.consent.dialcheck.domain.HolidayCalendar italy =
        dev.riservo.consent.dialcheck.domain.HolidayCalendar.italy();
    java.time.LocalDate day = java.time.LocalDate.now(rome).minusDays(1);
    while (day.getDayOfWeek() == java.time.DayOfWeek.SATURDAY
        || day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY
        || italy.isHoliday(day)) {
      day = day.minusDays(1);
    }
    return java.time.ZonedDateTime.of(day, java.time.LocalTime.of(11, 0), rome).toInstant();
  }

  // ------------------------------------------------------------------ unique data ----

  /** An Italian mobile number in the form an agent types it: {@code +39 347 1234567}. */
  static String randomPhone() {
    return "+39 347 " + digits(7);
  }

  static String digits(int count) {
    StringBuilder digits = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      digits.append(RANDOM.nextInt(10));
    }
    return digits.toString();
  }

  /** {@code +39 347 1234567} as {@code +393471234567}. */
  static String e164(String phone) {
    String compact = phone.replaceAll("[^0-9+]", "");
    return compact.startsWith("00") ? "+" + compact.substring(2) : compact;
  }

  static String suffix() {
    return HexFormat.of().formatHex(bytes(4));
  }

  private static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  // ------------------------------------------------------------------ purposes ----

  static Map<String, Object> purposeBody(String code, String category) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("name", "Purpose " + code);
    body.put("description", "Test purpose " + code + " of category " + category);
    body.put("legalBasis", category.equals("SERVICE") ? "CONTRACT" : "CONSENT");
    body.put("category", category);
    body.put("retentionDays", 730);
    body.put("priorConsentRequired", !category.equals("SERVICE"));
    return body;
  }

  /** Creates the purpose unless it exists (409 is fine); returns its code. */
  static String ensurePurpose(String code, String category) {
    int status =
        as(admin())
            .body(purposeBody(code, category))
            .post("/v1/purposes")
            .then()
            .extract()
            .statusCode();
    assertTrue(status == 201 || status == 409, "creating purpose " + code + " answered " + status);
    return code;
  }

  /** A purpose of its own for one test. */
  static String newPurpose(String prefix, String category) {
    return ensurePurpose(prefix + "-" + suffix(), category);
  }

  // ------------------------------------------------------------------ consents ----

  static Map<String, Object> subject(String phone) {
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("phone", phone);
    return subject;
  }

  static Map<String, Object> notice() {
    return Map.of("id", NoticeServiceStub.NOTICE_ID, "hash", NoticeServiceStub.NOTICE_HASH);
  }

  static Map<String, Object> evidence() {
    return Map.of("recordingId", "20261120-" + digits(6), "offsetMs", 41_250);
  }

  /** A complete GIVEN heard on a call (evidence and notice), for a subject named by phone. */
  static Map<String, Object> givenOnCall(String phone, String purpose) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", subject(phone));
    body.put("purpose", purpose);
    body.put("state", "GIVEN");
    body.put("channel", "CALL");
    body.put("notice", notice());
    body.put("evidence", evidence());
    body.put("jurisdiction", "IT");
    body.put("language", "it");
    return body;
  }

  /** A GIVEN heard on a call for a known subject reference. */
  static Map<String, Object> givenOnCall(UUID subjectRef, String purpose) {
    Map<String, Object> body = givenOnCall((String) null, purpose);
    body.remove("subject");
    body.put("subjectRef", subjectRef.toString());
    return body;
  }

  static Map<String, Object> withdrawn(UUID subjectRef, String purpose) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subjectRef", subjectRef.toString());
    body.put("purpose", purpose);
    body.put("state", "WITHDRAWN");
    body.put("channel", "CALL");
    return body;
  }

  static Response postConsent(Object body) {
    return as(agent()).body(body).post("/v1/consents");
  }

  /** Records a consent that must succeed; returns the answer. */
  static Response record(Object body) {
    Response response = postConsent(body);
    response.then().statusCode(201);
    return response;
  }

  static UUID give(String phone, String purpose) {
    return UUID.fromString(record(givenOnCall(phone, purpose)).jsonPath().getString("subjectRef"));
  }

  static Response consentsOf(UUID subjectRef) {
    return given().header("Authorization", agent()).get("/v1/subjects/" + subjectRef + "/consents");
  }

  static Response consentsOf(UUID subjectRef, Instant at) {
    return given()
        .header("Authorization", agent())
        .queryParam("at", at.toString())
        .get("/v1/subjects/" + subjectRef + "/consents");
  }

  // ------------------------------------------------------------------ SQL ----

  static long count(AgroalDataSource db, String query, Object... params) {
    try (Connection connection = db.getConnection();
        PreparedStatement statement = connection.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
  }

  static List<String> texts(AgroalDataSource db, String query, Object... params) {
    try (Connection connection = db.getConnection();
        PreparedStatement statement = connection.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<String> texts = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          texts.add(rows.getString(1));
        }
      }
      return texts;
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
  }

  /** Row counts of the tables a consent write touches, to prove a refused write stored nothing. */
  record Counts(long subjects, long events, long receipts, long objections, long audit) {

    static Counts of(AgroalDataSource db) {
      return new Counts(
          count(db, "SELECT count(*) FROM subject"),
          count(db, "SELECT count(*) FROM consent_event"),
          count(db, "SELECT count(*) FROM receipt"),
          count(db, "SELECT count(*) FROM objection"),
          count(db, "SELECT count(*) FROM audit_entry"));
    }
  }
}

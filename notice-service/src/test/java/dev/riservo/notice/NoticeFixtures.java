package dev.riservo.notice;

import static io.restassured.RestAssured.given;

import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Shared helpers of the notice API tests: tokens, unique notice ids, bodies, raw SQL. Tests in one
 * run share the application and the database, so every test publishes notices of its own.
 */
final class NoticeFixtures {

  static final String PROBLEM = "https://riservo.dev/problems/";
  static final String PROBLEM_JSON = "application/problem+json";
  static final String DPO_USER = "dora-dpo";

  private NoticeFixtures() {}

  static String dpo() {
    return TestTokens.bearer(DPO_USER, "dpo");
  }

  static String agent() {
    return TestTokens.bearer("alice-agent", "agent");
  }

  static String supervisor() {
    return TestTokens.bearer("sam-supervisor", "supervisor");
  }

  static String admin() {
    return TestTokens.bearer("ada-admin", "admin");
  }

  static String serviceClient() {
    return TestTokens.bearer("service-account-consent-service", "service");
  }

  /** A member of staff reading notices (every read but the public prefix needs a token). */
  static RequestSpecification reader() {
    return given().header("Authorization", agent());
  }

  static RequestSpecification as(String bearer) {
    return given().header("Authorization", bearer).contentType(ContentType.JSON);
  }

  /** A notice id no other test uses. */
  static String noticeId() {
    return "n-" + UUID.randomUUID().toString().substring(0, 13);
  }

  static Map<String, Object> body(String language, String title, String content) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("language", language);
    body.put("title", title);
    body.put("content", content);
    return body;
  }

  static Map<String, Object> body(String content) {
    return body("it", "Informativa privacy", content);
  }

  static Response publish(String noticeId, Object body) {
    return as(dpo()).body(body).post("/v1/notices/" + noticeId + "/versions");
  }

  /** SHA-256 of the UTF-8 bytes in lower-case hex, computed here, independently of the service. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

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

  static Object one(AgroalDataSource db, String query, Object... params) {
    try (Connection connection = db.getConnection();
        PreparedStatement statement = connection.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
  }

  static long versionRows(AgroalDataSource db, String noticeId) {
    return count(db, "SELECT count(*) FROM notice_version WHERE notice_id = ?", noticeId);
  }
}

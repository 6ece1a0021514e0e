package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.body;
import static dev.riservo.notice.NoticeFixtures.publish;

import dev.riservo.identity.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Helpers of the presentation and subject-data tests: versions in force, people, bodies. */
final class PresentationFixtures {

  static final String PRESENTATIONS = "/v1/presentations";
  static final String SUBJECT_DATA = "/internal/subject-data";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PresentationFixtures() {}

  static String rightsService() {
    return TestTokens.bearer("service-account-subject-rights-service", "service");
  }

  static String telephony() {
    return TestTokens.bearer("service-account-telephony", "service");
  }

  /** A plain-text version, in force from its publication on: its id, hash and publishedAt. */
  record Published(String id, String hash, String publishedAt) {}

  static Published publishInForce(String noticeId, String language, String text) {
    JsonPath v =
        publish(noticeId, body(language, "Informativa", text))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Published(v.getString("id"), v.getString("contentHash"), v.getString("publishedAt"));
  }

  static Published publishInForce() {
    return publishInForce(NoticeFixtures.noticeId(), "it", "Testo " + UUID.randomUUID());
  }

  static String digits(int count) {
    StringBuilder digits = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      digits.append(RANDOM.nextInt(10));
    }
    return digits.toString();
  }

  static String suffix() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A mobile number in the Italian test range form (+39 3xx), random. */
  static String randomPhone() {
    return "+39 347 " + digits(7);
  }

  static Map<String, Object> byPhone(String phone) {
    Map<String, Object> ids = new LinkedHashMap<>();
    ids.put("phone", phone);
    return ids;
  }

  /** A presentation body: read by an agent, the version and hash given, no instant (now). */
  static Map<String, Object> presentation(Map<String, Object> subject, Published version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", subject);
    body.put("notice", Map.of("id", version.id(), "hash", version.hash()));
    body.put("language", "it");
    body.put("deliveryMode", "AGENT_READ");
    body.put("recording", Map.of("id", "20260401-000123", "offsetMs", 4200));
    return body;
  }

  static Response present(String token, Object body) {
    return as(token).body(body).post(PRESENTATIONS);
  }
}

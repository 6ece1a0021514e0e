package dev.riservo.system;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * What the hostile-input walk needs so that its valid requests are valid: a purpose, a published
 * notice, a campaign and a subject of its own (fresh random data, nothing another test relies on),
 * and tokens for each role, renewed before they expire (the walk outlives a 5-minute token).
 */
final class WalkFixtures {

  static final String CONSENT = System.getProperty("riservo.consent.url", "http://localhost:8081");
  static final String RIGHTS = System.getProperty("riservo.rights.url", "http://localhost:8082");
  static final String NOTICE = System.getProperty("riservo.notice.url", "http://localhost:8083");

  /** The purpose every walked consent and campaign names (created once, then reused). */
  static final String PURPOSE = "walk-hostile-input";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long TOKEN_TTL_MS = 120_000;
  private static final Map<String, Object[]> TOKENS = new ConcurrentHashMap<>();

  final String phone = "+39 347 " + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
  final String noticeId = "walk-notice-" + ExampleValues.shortId();
  final List<String> problems = new ArrayList<>();
  String noticeVersionId;
  String noticeHash;
  String campaign;
  String subjectRef;

  /** Creates what it can; what fails is noted in {@link #problems} and left to the schema. */
  static WalkFixtures create() {
    WalkFixtures fixtures = new WalkFixtures();
    fixtures.setUp();
    return fixtures;
  }

  private void setUp() {
    step(
        "purpose",
        given()
            .header("Authorization", bearer("admin"))
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "code", PURPOSE,
                    "name", "Hostile-input walk",
                    "description", "Calls made by the hostile-input walk",
                    "legalBasis", "CONSENT",
                    "category", "TELEMARKETING",
                    "retentionDays", 30,
                    "priorConsentRequired", false))
            .post(CONSENT + "/v1/purposes"),
        201,
        409);
    Response notice =
        step(
            "notice",
            given()
                .header("Authorization", bearer("dpo"))
                .contentType(ContentType.JSON)
                .body(
                    Map.of(
                        "language", "it",
                        "title", "Informativa (walk)",
                        "content", "Informativa per la verifica degli input ostili."))
                .post(NOTICE + "/v1/notices/" + noticeId + "/versions"),
            201);
    if (notice != null) {
      noticeVersionId = notice.jsonPath().getString("id");
      noticeHash = notice.jsonPath().getString("contentHash");
    }
    Response created =
        step(
            "campaign",
            given()
                .header("Authorization", bearer("supervisor"))
                .contentType(ContentType.JSON)
                .body(
                    Map.of(
                        "name",
                        "Hostile-input walk",
                        "purpose",
                        PURPOSE,
                        "cli",
                        "0844 123456",
                        "automated",
                        false))
                .post(CONSENT + "/v1/campaigns"),
            201);
    campaign = created == null ? null : created.jsonPath().getString("id");
    ObjectNode consent = NODES.objectNode();
    consent.set("subject", NODES.objectNode().put("phone", phone));
    consent.put("purpose", PURPOSE).put("state", "GIVEN").put("channel", "CALL");
    if (noticeHash != null) {
      consent.set("notice", NODES.objectNode().put("id", noticeVersionId).put("hash", noticeHash));
    }
    consent.set(
        "evidence",
        NODES
            .objectNode()
            .put("recordingId", java.util.UUID.randomUUID().toString())
            .put("offsetMs", 1000));
    step(
        "consent",
        given()
            .header("Authorization", bearer("agent"))
            .contentType(ContentType.JSON)
            .body(consent.toString())
            .post(CONSENT + "/v1/consents"),
        201);
    Response found =
        step(
            "subject",
            given()
                .header("Authorization", bearer("agent"))
                .contentType(ContentType.JSON)
                .body(Map.of("phone", phone))
                .post(CONSENT + "/v1/subjects/search"),
            200);
    subjectRef = found == null ? null : found.jsonPath().getString("subjectRef");
  }

  private Response step(String what, Response response, Integer... expected) {
    if (List.of(expected).contains(response.statusCode())) {
      return response;
    }
    problems.add(
        what + ": " + response.statusCode() + " " + RawHttp.excerpt(response.asString(), 300));
    return null;
  }

  /** Domain values by property name, for {@link ExampleValues}. */
  Map<String, Function<JsonNode, JsonNode>> hints() {
    Map<String, Function<JsonNode, JsonNode>> hints = new ConcurrentHashMap<>();
    hints.put("purpose", text(PURPOSE));
    hints.put("phone", text(phone));
    hints.put("number", text(phone));
    hints.put("cli", text("0844 123456"));
    hints.put("language", text("it"));
    hints.put("jurisdiction", text("IT"));
    hints.put("subject", schema -> NODES.objectNode().put("phone", phone));
    hints.put("evidence", schema -> null); // included, made from its schema (id pattern)
    if (campaign != null) {
      hints.put("campaign", text(campaign));
    }
    if (noticeHash != null) {
      hints.put(
          "notice",
          schema -> NODES.objectNode().put("id", noticeVersionId).put("hash", noticeHash));
    }
    return hints;
  }

  private static Function<JsonNode, JsonNode> text(String value) {
    return schema ->
        "string".equals(OpenApiWalker.type(schema)) || OpenApiWalker.type(schema).isEmpty()
            ? NODES.textNode(value)
            : null;
  }

  /**
   * An existing value for a path parameter of a read (GET): the walk's own subject, purpose, notice
   * or campaign, so that reads reach past their 404. Writes get fresh values instead, so the walk
   * never retires, deletes or erases what it reads.
   */
  String pathValue(String method, String path, String name) {
    if (!method.equals("GET")) {
      return null;
    }
    String before = path.substring(0, path.indexOf("{" + name + "}"));
    return switch (name) {
      case "ref", "subjectRef" -> subjectRef;
      case "code" -> PURPOSE;
      case "noticeId" -> noticeVersionId == null ? null : noticeId;
      case "id" ->
          before.endsWith("/notices/versions/")
              ? noticeVersionId
              : before.endsWith("/campaigns/") ? campaign : null;
      default -> null;
    };
  }

  /** {@code Bearer} and a token for the role: a demo user, or a service client for "service". */
  static String bearer(String role) {
    Object[] cached = TOKENS.get(role);
    if (cached != null && System.currentTimeMillis() - (long) cached[1] < TOKEN_TTL_MS) {
      return (String) cached[0];
    }
    Map<String, String> form =
        role.equals("service")
            ? Map.of(
                "grant_type", "client_credentials",
                "client_id", "subject-rights-service",
                "client_secret", "subject-rights-service-local-secret")
            : Map.of(
                "grant_type",
                "password",
                "client_id",
                "riservo-staff",
                "username",
                role,
                "password",
                role + "-local");
    String token =
        given()
            .formParams(form)
            .post(Stack.TOKEN_ENDPOINT)
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    TOKENS.put(role, new Object[] {"Bearer " + token, System.currentTimeMillis()});
    return "Bearer " + token;
  }
}

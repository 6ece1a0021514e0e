package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Pre-dial compliance through the gateway with real Keycloak tokens: a supervisor imports a
 * consultation of the register, creates a campaign and scrubs a list; a supervisor's hypothetical
 * dial checks give the decision each rule calls for, and an objection heard on the callback line is
 * in force at once.
 */
class PreDialIT {

  private static final String CONSENT = Stack.GATEWAY + "/api/consent";
  private static final ZoneId ROME = ZoneId.of("Europe/Rome");

  private static String landline() {
    return "06" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  }

  /** 10:30 in Rome on the latest weekday before today that is not a national holiday. */
  private static ZonedDateTime lastWorkingMorning() {
    LocalDate day = LocalDate.now(ROME).minusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY
        || day.getDayOfWeek() == DayOfWeek.SUNDAY
        || List.of(
                "01-01", "01-06", "04-25", "05-01", "06-02", "08-15", "10-04", "11-01", "12-08",
                "12-25", "12-26")
            .contains(day.toString().substring(5))) {
      day = day.minusDays(1);
    }
    return ZonedDateTime.of(day, LocalTime.of(10, 30), ROME);
  }

  @Test
  void supervisorPreparesAndAgentChecks() {
    String admin = "Bearer " + Stack.userToken("admin");
    String supervisor = "Bearer " + Stack.userToken("supervisor");
    String agent = "Bearer " + Stack.userToken("agent");
    ZonedDateTime call = lastWorkingMorning();
    String free = landline();
    String registered = landline();

    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "code", "telemarketing-predial",
                "name", "Telemarketing calls",
                "description", "Calls offering our products",
                "legalBasis", "CONSENT",
                "category", "TELEMARKETING",
                "retentionDays", 730,
                "priorConsentRequired", false))
        .post(CONSENT + "/v1/purposes")
        .then()
        .statusCode(oneOf(201, 409));

    String consultation =
        given()
            .header("Authorization", supervisor)
            .contentType("text/csv")
            .queryParam("consultedOn", call.toLocalDate().minusDays(1).toString())
            .body(
                "number,registered,registered_on,reallowed\n"
                    + free
                    + ",false,,false\n"
                    + registered
                    + ",true,2025-06-01,false\n"
                    + "garbage,true,,\n")
            .post(CONSENT + "/v1/rpo/consultations")
            .then()
            .statusCode(201)
            .body("entries", equalTo(2))
            .body("rejected", equalTo(1))
            .extract()
            .jsonPath()
            .getString("id");
    given()
        .header("Authorization", supervisor)
        .get(CONSENT + "/v1/rpo/consultations/" + consultation)
        .then()
        .statusCode(200)
        .body("status", equalTo("DONE"));

    String campaign =
        given()
            .header("Authorization", supervisor)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name", "Winter offers",
                    "purpose", "telemarketing-predial",
                    "cli", "0844 123456",
                    "automated", false))
            .post(CONSENT + "/v1/campaigns")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("id");

    // An agent may not create campaigns; a supervisor may not dial.
    given()
        .header("Authorization", agent)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "x",
                "purpose",
                "telemarketing-predial",
                "cli",
                "0844 123456",
                "automated",
                false))
        .post(CONSENT + "/v1/campaigns")
        .then()
        .statusCode(403);

    assertEquals(List.of(), reasons(supervisor, "+39 " + free, campaign, call));
    assertEquals(
        List.of("RPO_REGISTERED_WITHOUT_CONSENT"), reasons(supervisor, registered, campaign, call));
    assertEquals(
        List.of("OUTSIDE_CALLING_HOURS"),
        reasons(supervisor, "0039" + free, campaign, call.withHour(21)));
    assertEquals(
        List.of("NO_VALID_RPO_CONSULTATION", "UNLISTED_WITHOUT_CONSENT"),
        reasons(
            supervisor,
            "+39 347 " + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999)),
            campaign,
            call));
    given()
        .header("Authorization", supervisor)
        .contentType(ContentType.JSON)
        .body(Map.of("number", free, "campaign", campaign))
        .post(CONSENT + "/v1/dial-checks")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("number", free, "campaign", campaign))
        .post(CONSENT + "/v1/dial-checks")
        .then()
        .statusCode(401);
    // An agent's check decides for now (rule 8): asking about another instant is refused, and
    // the question itself is the supervisor's (above), never counted as a call.
    given()
        .header("Authorization", agent)
        .contentType(ContentType.JSON)
        .body(Map.of("number", free, "campaign", campaign, "at", call.toInstant().toString()))
        .post(CONSENT + "/v1/dial-checks")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", agent)
        .contentType(ContentType.JSON)
        .body(Map.of("number", free, "campaign", campaign))
        .post(CONSENT + "/v1/dial-checks")
        .then()
        .statusCode(200)
        .body("hypothetical", equalTo(false));

    // The supervisor scrubs a list for the campaign; an agent may not (the gateway's role guard).
    String mobile = "+39 347 " + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    String list = "number\n" + free + "\n" + registered + "\n" + mobile + "\nnot-a-number\n";
    given()
        .header("Authorization", agent)
        .contentType("text/csv")
        .body(list)
        .post(CONSENT + "/v1/list-scrubs?campaign=" + campaign)
        .then()
        .statusCode(403);
    String scrub =
        given()
            .header("Authorization", supervisor)
            .contentType("text/csv")
            .body(list)
            .post(CONSENT + "/v1/list-scrubs?campaign=" + campaign)
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    String status = "RUNNING";
    for (int i = 0; i < 100 && status.equals("RUNNING"); i++) {
      status =
          given()
              .header("Authorization", supervisor)
              .get(CONSENT + "/v1/list-scrubs/" + scrub)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("status");
      if (status.equals("RUNNING")) {
        sleep(100);
      }
    }
    assertEquals("DONE", status);
    String result =
        given()
            .header("Authorization", supervisor)
            .get(CONSENT + "/v1/list-scrubs/" + scrub + "/result")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asString();
    assertEquals(
        List.of(
            "number,decision,reasons",
            free + ",ALLOW,",
            registered + ",DENY,RPO_REGISTERED_WITHOUT_CONSENT",
            mobile + ",DENY,NO_VALID_RPO_CONSULTATION;UNLISTED_WITHOUT_CONSENT",
            "not-a-number,INVALID,INVALID_NUMBER"),
        List.of(result.split("\n")));

    // The person called back on the campaign's caller id and objected: in force at once.
    given()
        .header("Authorization", agent)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "cli",
                "+39 0844 123456",
                "caller",
                free,
                "objected",
                true,
                "receivedAt",
                call.minusHours(1).toInstant().toString()))
        .post(CONSENT + "/v1/inbound-calls")
        .then()
        .statusCode(201)
        .body("objected", equalTo(true));
    assertEquals(List.of("OBJECTED"), reasons(supervisor, free, campaign, call));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What a dial check would have decided at the instant: a supervisor's question (rule 8). */
  private static List<String> reasons(
      String supervisor, String number, String campaign, ZonedDateTime at) {
    return given()
        .header("Authorization", supervisor)
        .contentType(ContentType.JSON)
        .body(Map.of("number", number, "campaign", campaign, "at", at.toInstant().toString()))
        .post(CONSENT + "/v1/dial-checks/hypothetical")
        .then()
        .statusCode(200)
        .body("hypothetical", equalTo(true))
        .extract()
        .jsonPath()
        .getList("reasons");
  }
}

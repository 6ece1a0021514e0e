package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.digits;
import static dev.riservo.consent.ConsentFixtures.ensurePurpose;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.suffix;
import static dev.riservo.consent.ConsentFixtures.texts;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Personal data is encrypted per field before it reaches the database": identifiers planted
 * through the API are found in no column of the consent-service tables, in any form, including
 * inside signed receipts and stored idempotent answers (whose base64url parts are decoded).
 */
@QuarkusTest
class PersonalDataAtRestTest {

  private static final List<String> TABLES =
      List.of(
          "subject",
          "consent_event",
          "receipt",
          "objection",
          "suppression",
          "idempotent_request",
          "audit_entry");

  /** Long base64 / base64url runs, e.g. the parts of a compact JWS. */
  private static final Pattern ENCODED = Pattern.compile("[A-Za-z0-9_\\-+/]{16,}={0,2}");

  @Inject AgroalDataSource db;

  @Test
  @DisplayName(
      "no planted phone, e-mail, customer id or seller name is stored in clear, in any form")
  void plantedIdentifiersAreNowhereInClear() {
    String sfx = suffix();
    String local = digits(7);
    String phone = "+39 347 " + local;
    String e164 = "+39347" + local;
    String email = "Mario.Rossi." + sfx + "@Example.COM";
    String customerId = "Rossi Mario " + sfx;
    String purpose = ensurePurpose("pii-tm", "TELEMARKETING");
    String service = ensurePurpose("pii-svc", "SERVICE");

    // Consent by all three identifiers, with an Idempotency-Key (the answer is stored).
    Map<String, Object> body = givenOnCall(phone, purpose);
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("phone", phone);
    subject.put("email", email);
    subject.put("customerId", customerId);
    body.put("subject", subject);
    String ref =
        as(agent())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(body)
            .post("/v1/consents")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("subjectRef");

    // More writes naming the subject in other ways.
    Map<String, Object> second = givenOnCall("0039 347 " + local, service);
    as(agent())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(second)
        .post("/v1/consents")
        .then()
        .statusCode(201)
        .body("subjectRef", equalTo(ref));
    // A bought list: the seller's name can name a person (a sole trader).
    String seller = "Bianchi Luigi Liste " + sfx;
    Map<String, Object> bought = givenOnCall(phone, ensurePurpose("pii-prof", "PROFILING"));
    bought.put("provenance", Map.of("source", "PURCHASED_LIST", "sellerChain", List.of(seller)));
    as(agent())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(bought)
        .post("/v1/consents")
        .then()
        .statusCode(201)
        .body("subjectRef", equalTo(ref));
    as(agent())
        .get("/v1/subjects/" + ref + "/consents")
        .then()
        .statusCode(200)
        .body("history.provenance.seller", hasItem(seller)); // shown, opened for the reader
    as(agent())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("subject", Map.of("phone", "347-" + local), "channel", "CALLBACK"))
        .post("/v1/objections")
        .then()
        .statusCode(201)
        .body("subjectRef", equalTo(ref));
    as(agent())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("subject", Map.of("email", email.toUpperCase(Locale.ROOT)), "channel", "WEB"))
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(200)
        .body("subjectRef", equalTo(ref));
    as(agent())
        .body(Map.of("customerId", customerId))
        .post("/v1/subjects/search")
        .then()
        .statusCode(200)
        .body("subjectRef", equalTo(ref));

    // The rows were written: the scan looks at real data.
    assertTrue(
        ConsentFixtures.count(
                db,
                "SELECT count(*) FROM subject WHERE ref = ? AND phone_sealed IS NOT NULL"
                    + " AND email_sealed IS NOT NULL AND customer_id_sealed IS NOT NULL",
                UUID.fromString(ref))
            == 1);

    List<String> forms =
        List.of(
            phone,
            e164,
            e164.substring(1),
            "347" + local,
            "0039347" + local,
            email,
            email.toLowerCase(Locale.ROOT),
            "mario.rossi." + sfx,
            customerId,
            customerId.toLowerCase(Locale.ROOT),
            seller,
            "Bianchi Luigi");

    List<String> leaks = new ArrayList<>();
    int rows = 0;
    for (String table : TABLES) {
      for (String row : texts(db, "SELECT t::text FROM " + table + " t")) {
        rows++;
        for (String text : withDecodedParts(row)) {
          for (String form : forms) {
            if (text.contains(form)) {
              leaks.add(table + " holds " + form + " in: " + abbreviate(row));
            }
          }
        }
      }
    }
    assertTrue(rows > 0);
    for (String table : TABLES) {
      assertFalse(
          texts(db, "SELECT t::text FROM " + table + " t").isEmpty(),
          table + " is empty: scanning it would prove nothing");
    }
    assertEquals(List.of(), leaks);
  }

  /** The row, and every long base64/base64url run in it decoded (JWS parts, sealed values). */
  private static List<String> withDecodedParts(String row) {
    List<String> texts = new ArrayList<>();
    texts.add(row);
    Matcher matcher = ENCODED.matcher(row);
    while (matcher.find()) {
      String run = matcher.group();
      for (String part : run.split("[.]")) {
        decode(part, Base64.getUrlDecoder(), texts);
        decode(part, Base64.getDecoder(), texts);
      }
    }
    // Compact JWS: three base64url parts joined by dots.
    for (String token : row.split("[^A-Za-z0-9_.\\-]")) {
      String[] parts = token.split("\\.");
      if (parts.length == 3) {
        for (String part : parts) {
          decode(part, Base64.getUrlDecoder(), texts);
        }
      }
    }
    return texts;
  }

  private static void decode(String part, Base64.Decoder decoder, List<String> into) {
    try {
      String unpadded = part.replace("=", "");
      into.add(new String(decoder.decode(pad(unpadded, decoder)), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notEncoded) {
      // not base64 of this flavour
    }
  }

  private static String pad(String value, Base64.Decoder decoder) {
    if (decoder == Base64.getUrlDecoder()) {
      return value; // the URL decoder accepts unpadded input
    }
    int rest = value.length() % 4;
    return rest == 0 ? value : value + "=".repeat(4 - rest);
  }

  private static String abbreviate(String row) {
    return row.length() > 300 ? row.substring(0, 300) + "..." : row;
  }
}

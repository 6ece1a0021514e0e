package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.suffix;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.consent.consents.service.LegacyClearFields;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 6: a seller's name is free text that can name a person; it is kept only sealed (in
 * the consent record, and in the stored receipt whose payload names it), shown opened, and what an
 * older version stored in clear is sealed at start-up.
 */
@QuarkusTest
class SealedProvenanceTest {

  @Inject AgroalDataSource db;

  @Inject LegacyClearFields legacy;

  private record Recorded(UUID subject, UUID event, UUID receipt, String jws) {}

  private static Recorded boughtFrom(String seller) {
    Map<String, Object> body = givenOnCall(randomPhone(), newPurpose("seller", "TELEMARKETING"));
    body.put("provenance", Map.of("source", "PURCHASED_LIST", "sellerChain", List.of(seller)));
    JsonPath answer =
        as(agent()).body(body).post("/v1/consents").then().statusCode(201).extract().jsonPath();
    return new Recorded(
        UUID.fromString(answer.getString("subjectRef")),
        UUID.fromString(answer.getString("id")),
        UUID.fromString(answer.getString("receiptId")),
        answer.getString("receipt"));
  }

  private static String payload(String jws) {
    return new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  private void sellerIsShown(Recorded recorded, String seller) {
    as(agent())
        .get("/v1/subjects/" + recorded.subject() + "/consents")
        .then()
        .statusCode(200)
        .body("history.provenance.seller", hasItem(seller));
    as(agent())
        .get("/v1/receipts/" + recorded.receipt())
        .then()
        .statusCode(200)
        .body("jws", equalTo(recorded.jws()));
  }

  private long inClear(Recorded recorded, String seller) {
    return count(
        db,
        "SELECT count(*) FROM consent_event e JOIN receipt r ON r.consent_event_id = e.id"
            + " WHERE e.id = ? AND (e.provenance_seller_clear IS NOT NULL"
            + " OR e.provenance_seller LIKE ? OR strpos(r.jws, '.') > 0)",
        recorded.event(),
        "%" + seller + "%");
  }

  @Test
  @DisplayName(
      "rule 2 / issue 14: a seller's name is signed into the receipt, stored only sealed, and"
          + " shown opened to staff")
  void sellerIsSealedAtRest() {
    String seller = "Verdi Anna Contatti " + suffix();
    Recorded recorded = boughtFrom(seller);
    assertTrue(payload(recorded.jws()).contains(seller), "the receipt names the seller");
    assertEquals(0, inClear(recorded, seller), "the seller is stored in clear");
    sellerIsShown(recorded, seller);
  }

  @Test
  @DisplayName(
      "issue 14: a seller and a receipt stored in clear by an older version are sealed at start,"
          + " and read the same after")
  void whatAnOlderVersionStoredInClearIsSealed() throws SQLException {
    String seller = "Neri Paolo Liste " + suffix();
    Recorded recorded = boughtFrom(seller);
    try (var connection = db.getConnection();
        var event =
            connection.prepareStatement(
                "UPDATE consent_event SET provenance_seller = NULL, provenance_seller_clear = ?"
                    + " WHERE id = ?");
        var receipt = connection.prepareStatement("UPDATE receipt SET jws = ? WHERE id = ?")) {
      event.setString(1, seller);
      event.setObject(2, recorded.event());
      event.executeUpdate();
      receipt.setString(1, recorded.jws());
      receipt.setObject(2, recorded.receipt());
      receipt.executeUpdate();
    }
    assertEquals(1, inClear(recorded, seller), "the older version's rows are in place");

    assertTrue(legacy.sealWhatIsInClear() >= 2);

    assertEquals(0, inClear(recorded, seller));
    assertFalse(
        count(db, "SELECT count(*) FROM consent_event WHERE id = ?", recorded.event()) == 0);
    sellerIsShown(recorded, seller);
  }
}

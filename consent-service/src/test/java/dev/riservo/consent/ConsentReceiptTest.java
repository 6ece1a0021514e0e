package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.ensurePurpose;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a consent receipt carries what the notice presented says, and every field Kantara
 * Consent Receipt 1.1 requires.
 */
@QuarkusTest
class ConsentReceiptTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Kantara CR 1.1, section 5: the fields a receipt must have, at the top level. */
  private static final List<String> RECEIPT_FIELDS =
      List.of(
          "version",
          "jurisdiction",
          "consentTimestamp",
          "collectionMethod",
          "consentReceiptID",
          "piiPrincipalId",
          "piiControllers",
          "policyUrl",
          "services",
          "sensitive",
          "spiCat");

  /** ... for each PII controller. */
  private static final List<String> CONTROLLER_FIELDS =
      List.of("piiController", "contact", "address", "email", "phone");

  /** ... for each service, and each of its purposes. */
  private static final List<String> SERVICE_FIELDS = List.of("service", "purposes");

  private static final List<String> PURPOSE_FIELDS =
      List.of(
          "purpose",
          "purposeCategory",
          "consentType",
          "piiCategory",
          "termination",
          "thirdPartyDisclosure");

  private static JsonNode receiptOf(String purposeCode, String category) throws Exception {
    Map<String, Object> body = givenOnCall(randomPhone(), ensurePurpose(purposeCode, category));
    String jws =
        as(agent())
            .body(body)
            .post("/v1/consents")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("receipt");
    return JSON.readTree(
        new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static void present(JsonNode node, List<String> fields, String where) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      assertNotNull(value, where + " lacks " + field + ": " + node);
      assertFalse(value.isNull(), where + "." + field + " is null");
      assertFalse(value.isTextual() && value.asText().isBlank(), where + "." + field + " is blank");
    }
  }

  @Test
  @DisplayName("issue 15: the receipt has every field Kantara Consent Receipt 1.1 requires")
  void everyKantaraField() throws Exception {
    for (String category : List.of("TELEMARKETING", "THIRD_PARTY_TRANSFER")) {
      JsonNode receipt = receiptOf("kantara-" + category.toLowerCase().replace('_', '-'), category);
      present(receipt, RECEIPT_FIELDS, "receipt");
      assertEquals("KI-CR-v1.1.0", receipt.get("version").asText());
      assertTrue(receipt.get("consentTimestamp").isIntegralNumber());
      assertTrue(receipt.get("sensitive").isBoolean());
      assertTrue(receipt.get("spiCat").isArray());
      for (JsonNode controller : receipt.get("piiControllers")) {
        present(controller, CONTROLLER_FIELDS, "piiControllers[]");
      }
      for (JsonNode service : receipt.get("services")) {
        present(service, SERVICE_FIELDS, "services[]");
        for (JsonNode purpose : service.get("purposes")) {
          present(purpose, PURPOSE_FIELDS, "purposes[]");
          assertInstanceOf(Boolean.class, purpose.get("thirdPartyDisclosure").booleanValue());
          if (purpose.get("thirdPartyDisclosure").asBoolean()) {
            present(purpose, List.of("thirdPartyName"), "a disclosing purpose");
          }
        }
      }
    }
  }

  @Test
  @DisplayName(
      "issue 15: the receipt repeats the notice: controller's phone, retention as a field of its"
          + " own, how to withdraw, the version's public URL, its hash and the language")
  void receiptRepeatsTheNotice() throws Exception {
    JsonNode receipt = receiptOf(NoticeServiceStub.TERMS_PURPOSE, "TELEMARKETING");
    JsonNode controller = receipt.get("piiControllers").get(0);
    assertEquals("Esempio Contatti Srl", controller.get("piiController").asText());
    assertEquals(NoticeServiceStub.CONTROLLER_PHONE, controller.get("phone").asText());
    JsonNode purpose = receipt.get("services").get(0).get("purposes").get(0);
    assertEquals(NoticeServiceStub.TERMS_RETENTION, purpose.get("retention").asText());
    JsonNode record = receipt.get("consentRecord");
    assertEquals(NoticeServiceStub.WITHDRAWAL, record.get("withdrawal").asText());
    String url = receipt.get("policyUrl").asText();
    assertTrue(
        url.matches("https?://.+/v1/public/notices/versions/" + NoticeServiceStub.NOTICE_ID),
        "a real URL of the public read: " + url);
    assertEquals(url, record.get("notice").get("url").asText());
    assertEquals(NoticeServiceStub.NOTICE_HASH, record.get("notice").get("hash").asText());
    assertEquals("it", record.get("notice").get("language").asText());
    assertEquals("it", receipt.get("language").asText());
  }
}

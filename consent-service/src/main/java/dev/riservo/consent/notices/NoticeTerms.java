package dev.riservo.consent.notices;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a consent receipt repeats of the notice version presented (issue 15): the controller's
 * contact, including the phone number a person can call; how to withdraw; the retention the notice
 * gives each purpose; the recipients it names; and where anyone can read that exact version. Read
 * from the version's structured document; a version published as text only gives none of these.
 *
 * @param url the version's public address (through the gateway)
 * @param retention the notice's retention per purpose id, as an ISO 8601 period
 */
public record NoticeTerms(
    String id,
    String url,
    String language,
    Controller controller,
    String withdrawal,
    Map<String, String> retention,
    List<String> recipients) {

  /** The controller as the notice names it; any part may be missing. */
  public record Controller(String name, String address, String email, String phone) {}

  static NoticeTerms of(String id, String url, String language, JsonNode document) {
    JsonNode content = document == null ? null : document.path("content");
    if (content == null || content.isMissingNode()) {
      return new NoticeTerms(id, url, language, null, null, Map.of(), List.of());
    }
    JsonNode controller = content.path("controller");
    Map<String, String> retention = new LinkedHashMap<>();
    for (JsonNode purpose : content.path("purposes")) {
      String period = text(purpose.path("retention").path("period"));
      if (text(purpose.path("id")) != null && period != null) {
        retention.put(purpose.path("id").asText(), period);
      }
    }
    List<String> recipients = new ArrayList<>();
    for (JsonNode recipient : content.path("recipients")) {
      if (text(recipient.path("name")) != null) {
        recipients.add(recipient.path("name").asText());
      }
    }
    return new NoticeTerms(
        id,
        url,
        language,
        controller.isMissingNode()
            ? null
            : new Controller(
                text(controller.path("name")),
                text(controller.path("address")),
                text(controller.path("email")),
                text(controller.path("phone"))),
        text(content.path("withdrawConsent")),
        Map.copyOf(retention),
        List.copyOf(recipients));
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}

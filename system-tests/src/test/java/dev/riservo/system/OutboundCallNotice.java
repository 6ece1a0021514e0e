package dev.riservo.system;

/**
 * The draft of an outbound-call notice (Italian, read by the agent) complete for Art. 13 and 14:
 * the controller with a callable phone number, the DPO, a consent purpose with its retention,
 * sources (a purchased list), a processor in the EEA and a recipient in the US with its transfer
 * safeguard, the six rights, how to withdraw and whom to complain to. Phone numbers are from
 * Ofcom's drama range (+44 20 7946 0xxx): valid, and never anyone's.
 */
final class OutboundCallNotice {

  /** The controller's phone exactly as the notice gives it (spaces included). */
  static final String CONTROLLER_PHONE = "+44 20 7946 0958";

  /** The purpose the consent is given to; the notice states its retention. */
  static final String PURPOSE = "telemarketing-calls";

  /** How to withdraw consent, as the notice says it (receipts repeat it). */
  static final String WITHDRAW = "Chiamando il +44 20 7946 0958 o scrivendo a privacy@example.org";

  private static final String DRAFT =
      """
      {"language": "it", "title": "Informativa chiamate in uscita",
       "content": {
         "controller": {"name": "Riservo Demo S.r.l.", "address": "Via Esempio 1, 20100 Milano",
                        "email": "privacy@example.org", "phone": "%s"},
         "dpo": {"name": "Responsabile della protezione dei dati", "email": "dpo@example.org",
                 "phone": null, "address": null},
         "purposes": [{"id": "%s", "description": "Chiamate commerciali sui nostri prodotti",
                       "legalBasis": "CONSENT", "legitimateInterest": null,
                       "retention": {"period": "%s", "criteria": null}}],
         "dataCategories": ["dati di contatto"],
         "collection": "Durante la chiamata, dall'operatore",
         "sources": [{"name": "Elenchi Demo S.p.A.", "description": "lista acquistata",
                      "publiclyAccessible": false}],
         "recipients": [{"name": "Telefonia Cloud Ltd", "role": "PROCESSOR", "country": "IE",
                         "description": "centralino virtuale"},
                        {"name": "CRM Inc.", "role": "PROCESSOR", "country": "US",
                         "description": "gestione dei contatti"}],
         "transfers": [{"recipient": "CRM Inc.", "country": "US",
                        "safeguard": "STANDARD_CONTRACTUAL_CLAUSES", "details": null}],
         "automatedDecisions": {"used": false, "logic": null, "significance": null},
         "rights": [{"right": "ACCESS", "how": "Scrivendo a privacy@example.org"},
                    {"right": "RECTIFICATION", "how": "Scrivendo a privacy@example.org"},
                    {"right": "ERASURE", "how": "Scrivendo a privacy@example.org"},
                    {"right": "RESTRICTION", "how": "Scrivendo a privacy@example.org"},
                    {"right": "PORTABILITY", "how": "Scrivendo a privacy@example.org"},
                    {"right": "OBJECTION", "how": "Dicendolo all'operatore o chiamando"}],
         "withdrawConsent": "%s",
         "obligationToProvide": "Non obbligatorio",
         "complaint": {"authority": "Garante per la protezione dei dati personali",
                       "contact": "garanteprivacy.it"}},
       "body": "# Informativa\\n\\nTitolare: Riservo Demo S.r.l., tel. %s; conservazione %s.",
       "audioSha256": null}
      """;

  private OutboundCallNotice() {}

  /** A complete draft whose purpose keeps data for {@code retention} (an ISO 8601 period). */
  static String draft(String retention) {
    return DRAFT.formatted(
        CONTROLLER_PHONE, PURPOSE, retention, WITHDRAW, CONTROLLER_PHONE, retention);
  }
}

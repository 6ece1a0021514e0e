package dev.riservo.notice.content.domain;

import dev.riservo.notice.content.domain.NoticeContent.AutomatedDecisions;
import dev.riservo.notice.content.domain.NoticeContent.Complaint;
import dev.riservo.notice.content.domain.NoticeContent.Contact;
import dev.riservo.notice.content.domain.NoticeContent.Controller;
import dev.riservo.notice.content.domain.NoticeContent.LegalBasis;
import dev.riservo.notice.content.domain.NoticeContent.Purpose;
import dev.riservo.notice.content.domain.NoticeContent.Recipient;
import dev.riservo.notice.content.domain.NoticeContent.RecipientRole;
import dev.riservo.notice.content.domain.NoticeContent.Retention;
import dev.riservo.notice.content.domain.NoticeContent.Right;
import dev.riservo.notice.content.domain.NoticeContent.RightExercise;
import dev.riservo.notice.content.domain.NoticeContent.Safeguard;
import dev.riservo.notice.content.domain.NoticeContent.Transfer;
import java.util.Arrays;
import java.util.List;

/** A complete Art. 13 notice for tests (phone numbers from Ofcom's drama range). */
public final class CompleteNotices {

  private CompleteNotices() {}

  public static NoticeContent art13() {
    return new NoticeContent(
        new Controller(
            "Riservo Demo S.r.l.",
            "Via Esempio 1, Milano",
            "privacy@example.org",
            "+44 20 7946 0001"),
        new Contact("DPO", "dpo@example.org", "+44 20 7946 0002", null),
        List.of(
            new Purpose(
                "telemarketing",
                "Offers by phone",
                LegalBasis.CONSENT,
                null,
                new Retention("P2Y", null)),
            new Purpose(
                "fraud",
                "Fraud prevention",
                LegalBasis.LEGITIMATE_INTERESTS,
                "Preventing fraud",
                new Retention(null, "Until the case is closed"))),
        List.of("contact data", "call recordings"),
        "On the call, by the agent",
        null,
        List.of(
            new Recipient("Cloud telephony provider", RecipientRole.PROCESSOR, "IE", "hosting"),
            new Recipient("CRM provider", RecipientRole.PROCESSOR, "US", "CRM")),
        List.of(new Transfer("CRM provider", "US", Safeguard.STANDARD_CONTRACTUAL_CLAUSES, null)),
        new AutomatedDecisions(false, null, null),
        Arrays.stream(Right.values()).map(r -> new RightExercise(r, "Write to the DPO")).toList(),
        "Say so on any call or write to the DPO",
        "Not required; without it we do not call you",
        new Complaint("Garante per la protezione dei dati personali", "garanteprivacy.it"));
  }
}

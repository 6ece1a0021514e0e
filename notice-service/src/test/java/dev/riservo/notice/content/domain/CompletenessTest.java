package dev.riservo.notice.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.catalog.domain.Channel;
import dev.riservo.notice.content.domain.NoticeContent.AutomatedDecisions;
import dev.riservo.notice.content.domain.NoticeContent.Complaint;
import dev.riservo.notice.content.domain.NoticeContent.Contact;
import dev.riservo.notice.content.domain.NoticeContent.Controller;
import dev.riservo.notice.content.domain.NoticeContent.LegalBasis;
import dev.riservo.notice.content.domain.NoticeContent.Purpose;
import dev.riservo.notice.content.domain.NoticeContent.Recipient;
import dev.riservo.notice.content.domain.NoticeContent.RecipientRole;
import dev.riservo.notice.content.domain.NoticeContent.Retention;
import dev.riservo.notice.content.domain.NoticeContent.RightExercise;
import dev.riservo.notice.content.domain.NoticeContent.Source;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 10 / GDPR Art. 13-14: one test per section a published notice may lack. */
class CompletenessTest {

  private static final String BODY = "# Informativa";
  private static final String AUDIO = "a".repeat(64);

  private static List<Section> missing(NoticeContent c) {
    return Completeness.missing(Audience.SUBJECTS, Channel.VERBAL_SCRIPT, c, BODY, null);
  }

  private static NoticeContent with(UnaryOperator<Builder> change) {
    return change.apply(new Builder(CompleteNotices.art13())).build();
  }

  @Test
  void aCompleteArt13NoticeLacksNothing() {
    assertEquals(List.of(), missing(CompleteNotices.art13()));
  }

  @Test
  void anEmptyNoticeLacksEveryArt13Section() {
    assertEquals(
        List.of(
            Section.CONTROLLER,
            Section.DPO,
            Section.PURPOSES,
            Section.RECIPIENTS,
            Section.TRANSFERS,
            Section.RETENTION,
            Section.RIGHTS,
            Section.COMPLAINT,
            Section.OBLIGATION_TO_PROVIDE,
            Section.AUTOMATED_DECISIONS,
            Section.COLLECTION,
            Section.BODY),
        Completeness.missing(Audience.SUBJECTS, Channel.WRITTEN, null, null, null));
  }

  @Test
  @DisplayName("Art. 13(1)(a): the controller with a callable phone number")
  void controllerWithoutPhone() {
    var c = CompleteNotices.art13().controller();
    assertEquals(
        List.of(Section.CONTROLLER),
        missing(with(b -> b.controller(new Controller(c.name(), c.address(), c.email(), null)))));
    assertEquals(List.of(Section.CONTROLLER), missing(with(b -> b.controller(null))));
  }

  @Test
  @DisplayName("Art. 13(1)(b): the DPO's contact")
  void dpo() {
    assertEquals(
        List.of(Section.DPO), missing(with(b -> b.dpo(new Contact("DPO", null, null, null)))));
  }

  @Test
  @DisplayName("Art. 13(1)(c): purposes, each with its legal basis")
  void purposes() {
    assertEquals(
        List.of(Section.PURPOSES),
        missing(
            with(
                b ->
                    b.purposes(
                        List.of(new Purpose("x", "x", null, null, new Retention("P1Y", null)))))));
  }

  @Test
  @DisplayName("Art. 13(1)(d): the legitimate interest of a purpose based on it")
  void legitimateInterests() {
    assertEquals(
        List.of(Section.LEGITIMATE_INTERESTS),
        missing(
            with(
                b ->
                    b.purposes(
                        List.of(
                            new Purpose(
                                "x",
                                "x",
                                LegalBasis.LEGITIMATE_INTERESTS,
                                null,
                                new Retention("P1Y", null)))))));
  }

  @Test
  @DisplayName("Art. 13(1)(e): recipients and processors with their country")
  void recipients() {
    assertEquals(
        List.of(Section.RECIPIENTS),
        missing(
            with(
                b ->
                    b.recipients(
                        List.of(new Recipient("Cloud", RecipientRole.PROCESSOR, null, null))))));
  }

  @Test
  @DisplayName("Art. 13(1)(f): transfers stated, and one for each recipient outside the EEA")
  void transfers() {
    assertEquals(List.of(Section.TRANSFERS), missing(with(b -> b.transfers(null))));
    assertEquals(List.of(Section.TRANSFERS), missing(with(b -> b.transfers(List.of()))));
    // no recipient outside the EEA: an empty list says "no transfer"
    assertEquals(
        List.of(),
        missing(
            with(
                b ->
                    b.recipients(
                            List.of(new Recipient("Cloud", RecipientRole.PROCESSOR, "IE", null)))
                        .transfers(List.of()))));
  }

  @Test
  @DisplayName("Art. 13(2)(a): retention for each purpose")
  void retention() {
    assertEquals(
        List.of(Section.RETENTION),
        missing(
            with(
                b ->
                    b.purposes(
                            List.of(
                                new Purpose(
                                    "x",
                                    "x",
                                    LegalBasis.CONTRACT,
                                    null,
                                    new Retention(null, null))))
                        .withdraw(null))));
  }

  @Test
  @DisplayName("Art. 13(2)(b): how to exercise each right")
  void rights() {
    assertEquals(
        List.of(Section.RIGHTS),
        missing(
            with(b -> b.rights(List.of(new RightExercise(NoticeContent.Right.ACCESS, "ask"))))));
  }

  @Test
  @DisplayName("Art. 13(2)(c): how to withdraw consent, when a purpose rests on it")
  void withdrawConsent() {
    assertEquals(List.of(Section.WITHDRAW_CONSENT), missing(with(b -> b.withdraw(null))));
    assertEquals(
        List.of(),
        missing(
            with(
                b ->
                    b.purposes(
                            List.of(
                                new Purpose(
                                    "x",
                                    "x",
                                    LegalBasis.CONTRACT,
                                    null,
                                    new Retention("P1Y", null))))
                        .withdraw(null))));
  }

  @Test
  @DisplayName("Art. 13(2)(d): the right to complain to the supervisory authority")
  void complaint() {
    assertEquals(
        List.of(Section.COMPLAINT), missing(with(b -> b.complaint(new Complaint(null, "x")))));
  }

  @Test
  @DisplayName("Art. 13(2)(e): whether providing the data is required (Art. 13 only)")
  void obligationToProvide() {
    assertEquals(List.of(Section.OBLIGATION_TO_PROVIDE), missing(with(b -> b.obligation(null))));
  }

  @Test
  @DisplayName("Art. 13(2)(f): automated decisions, and their logic when used")
  void automatedDecisions() {
    assertEquals(List.of(Section.AUTOMATED_DECISIONS), missing(with(b -> b.automated(null))));
    assertEquals(
        List.of(Section.AUTOMATED_DECISIONS),
        missing(with(b -> b.automated(new AutomatedDecisions(true, "scoring", null)))));
  }

  @Test
  void collectionIsForNoticesToSubjectsOnly() {
    NoticeContent without = with(b -> b.collection(null));
    assertEquals(List.of(Section.COLLECTION), missing(without));
    assertEquals(
        List.of(), Completeness.missing(Audience.STAFF, Channel.WRITTEN, without, BODY, null));
  }

  @Test
  @DisplayName("Art. 14: with sources, categories of data and named sources; no Art. 13(2)(e)")
  void art14WhenDataComesFromSources() {
    NoticeContent bought =
        with(b -> b.sources(List.of(new Source("List seller", null, false))).obligation(null));
    assertEquals(List.of(), missing(bought));
    assertEquals(
        List.of(Section.DATA_CATEGORIES),
        missing(
            with(
                b -> b.sources(List.of(new Source("List seller", null, false))).categories(null))));
    assertEquals(
        List.of(Section.SOURCES),
        missing(with(b -> b.sources(List.of(new Source(null, "a list", false))))));
  }

  @Test
  void theBodyAndForAnIvrPromptTheAudioHash() {
    assertEquals(
        List.of(Section.BODY),
        Completeness.missing(
            Audience.SUBJECTS, Channel.WRITTEN, CompleteNotices.art13(), " ", null));
    assertEquals(
        List.of(Section.AUDIO),
        Completeness.missing(
            Audience.SUBJECTS, Channel.IVR_PROMPT, CompleteNotices.art13(), BODY, null));
    assertEquals(
        List.of(),
        Completeness.missing(
            Audience.SUBJECTS, Channel.IVR_PROMPT, CompleteNotices.art13(), BODY, AUDIO));
  }

  /** Changes one section of a notice. */
  private static final class Builder {
    private NoticeContent c;

    Builder(NoticeContent c) {
      this.c = c;
    }

    Builder controller(Controller v) {
      c =
          new NoticeContent(
              v,
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder dpo(Contact v) {
      c =
          new NoticeContent(
              c.controller(),
              v,
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder purposes(List<Purpose> v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              v,
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder categories(List<String> v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              v,
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder collection(String v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              v,
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder sources(List<Source> v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              v,
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder recipients(List<Recipient> v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              v,
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder transfers(List<NoticeContent.Transfer> v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              v,
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder automated(AutomatedDecisions v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              v,
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder rights(List<RightExercise> v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              v,
              c.withdrawConsent(),
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder withdraw(String v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              v,
              c.obligationToProvide(),
              c.complaint());
      return this;
    }

    Builder obligation(String v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              v,
              c.complaint());
      return this;
    }

    Builder complaint(Complaint v) {
      c =
          new NoticeContent(
              c.controller(),
              c.dpo(),
              c.purposes(),
              c.dataCategories(),
              c.collection(),
              c.sources(),
              c.recipients(),
              c.transfers(),
              c.automatedDecisions(),
              c.rights(),
              c.withdrawConsent(),
              c.obligationToProvide(),
              v);
      return this;
    }

    NoticeContent build() {
      return c;
    }
  }
}

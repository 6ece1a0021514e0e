package dev.riservo.notice.content.domain;

import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.catalog.domain.Channel;
import dev.riservo.notice.content.domain.NoticeContent.AutomatedDecisions;
import dev.riservo.notice.content.domain.NoticeContent.LegalBasis;
import dev.riservo.notice.content.domain.NoticeContent.Purpose;
import dev.riservo.notice.content.domain.NoticeContent.Recipient;
import dev.riservo.notice.content.domain.NoticeContent.Right;
import dev.riservo.notice.content.domain.NoticeContent.RightExercise;
import dev.riservo.notice.content.domain.NoticeContent.Transfer;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which sections a notice version lacks to be published (DESIGN.md rule 10; GDPR Art. 13, and Art.
 * 14 on top when the notice names sources, i.e. data not obtained from the person). A notice to
 * {@link Audience#SUBJECTS} must also say how data is collected; an {@link Channel#IVR_PROMPT}
 * needs the hash of its audio. Plain Java: every rule is a branch a unit test covers.
 */
public final class Completeness {

  /** EU member states and the other EEA countries: no transfer safeguard needed. */
  public static final Set<String> EEA =
      Set.of(
          "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
          "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

  private static final NoticeContent NOTHING =
      new NoticeContent(
          null, null, null, null, null, null, null, null, null, null, null, null, null);

  private Completeness() {}

  /** The sections missing, in the order of {@link Section}; empty when it may be published. */
  public static List<Section> missing(
      Audience audience, Channel channel, NoticeContent content, String body, String audio) {
    NoticeContent c = content == null ? NOTHING : content;
    EnumSet<Section> missing = EnumSet.noneOf(Section.class);
    check(missing, Section.CONTROLLER, controller(c));
    check(missing, Section.DPO, c.dpo() != null && c.dpo().email() != null);
    check(missing, Section.PURPOSES, purposes(c));
    check(missing, Section.LEGITIMATE_INTERESTS, legitimateInterests(c));
    check(missing, Section.RECIPIENTS, recipients(c));
    check(missing, Section.TRANSFERS, transfers(c));
    check(missing, Section.RETENTION, retention(c));
    check(missing, Section.RIGHTS, rights(c));
    check(
        missing,
        Section.WITHDRAW_CONSENT,
        !basedOn(c, LegalBasis.CONSENT) || c.withdrawConsent() != null);
    check(missing, Section.COMPLAINT, c.complaint() != null && c.complaint().authority() != null);
    check(
        missing, Section.OBLIGATION_TO_PROVIDE, c.hasSources() || c.obligationToProvide() != null);
    check(missing, Section.AUTOMATED_DECISIONS, automatedDecisions(c.automatedDecisions()));
    check(missing, Section.COLLECTION, audience != Audience.SUBJECTS || c.collection() != null);
    check(missing, Section.DATA_CATEGORIES, !c.hasSources() || nonEmpty(c.dataCategories()));
    check(
        missing,
        Section.SOURCES,
        !c.hasSources() || c.sources().stream().allMatch(s -> s.name() != null));
    check(missing, Section.BODY, body != null && !body.isBlank());
    check(missing, Section.AUDIO, channel != Channel.IVR_PROMPT || audio != null);
    return List.copyOf(missing);
  }

  private static void check(Set<Section> missing, Section section, boolean present) {
    if (!present) {
      missing.add(section);
    }
  }

  private static boolean controller(NoticeContent c) {
    var controller = c.controller();
    return controller != null
        && controller.name() != null
        && controller.address() != null
        && controller.email() != null
        && controller.phone() != null;
  }

  private static boolean purposes(NoticeContent c) {
    return nonEmpty(c.purposes())
        && c.purposes().stream().allMatch(p -> p.description() != null && p.legalBasis() != null);
  }

  private static boolean legitimateInterests(NoticeContent c) {
    return c.purposes() == null
        || c.purposes().stream()
            .filter(p -> p.legalBasis() == LegalBasis.LEGITIMATE_INTERESTS)
            .allMatch(p -> p.legitimateInterest() != null);
  }

  private static boolean retention(NoticeContent c) {
    return nonEmpty(c.purposes())
        && c.purposes().stream()
            .map(Purpose::retention)
            .allMatch(r -> r != null && (r.period() != null || r.criteria() != null));
  }

  private static boolean recipients(NoticeContent c) {
    return nonEmpty(c.recipients())
        && c.recipients().stream()
            .allMatch(r -> r.name() != null && r.role() != null && r.country() != null);
  }

  /** Stated (an empty list: no transfer), and covering every recipient outside the EEA. */
  private static boolean transfers(NoticeContent c) {
    if (c.transfers() == null) {
      return false;
    }
    List<Transfer> transfers = c.transfers();
    boolean wellFormed =
        transfers.stream()
            .allMatch(t -> t.recipient() != null && t.country() != null && t.safeguard() != null);
    List<Recipient> recipients = c.recipients() == null ? List.of() : c.recipients();
    boolean covered =
        recipients.stream()
            .filter(r -> r.country() != null && !EEA.contains(r.country()))
            .allMatch(
                r ->
                    transfers.stream()
                        .anyMatch(
                            t ->
                                Objects.equals(t.country(), r.country())
                                    && Objects.equals(t.recipient(), r.name())));
    return wellFormed && covered;
  }

  private static boolean rights(NoticeContent c) {
    if (c.rights() == null) {
      return false;
    }
    EnumSet<Right> described = EnumSet.noneOf(Right.class);
    c.rights().stream()
        .filter(r -> r.right() != null && r.how() != null)
        .map(RightExercise::right)
        .forEach(described::add);
    return described.containsAll(EnumSet.allOf(Right.class));
  }

  private static boolean basedOn(NoticeContent c, LegalBasis basis) {
    return c.purposes() != null && c.purposes().stream().anyMatch(p -> p.legalBasis() == basis);
  }

  private static boolean automatedDecisions(AutomatedDecisions a) {
    return a != null
        && a.used() != null
        && (!a.used() || (a.logic() != null && a.significance() != null));
  }

  private static boolean nonEmpty(List<?> list) {
    return list != null && !list.isEmpty();
  }
}

package dev.riservo.consent.consents.service;

import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import dev.riservo.consent.purposes.domain.Purpose;
import dev.riservo.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The checks a consent event must pass before anything is stored (DESIGN.md rule 2). Plain Java;
 * each failure is a 422 that names the field.
 */
public final class ConsentRules {

  private ConsentRules() {}

  public static void check(ConsentDraft draft, Purpose purpose, Instant now, Duration skew) {
    if (purpose.retired() && draft.state() == ConsentState.GIVEN) {
      throw rule("purpose-retired", "purpose", "is retired and takes no new consent");
    }
    occurredAt(draft.occurredAt(), now, skew);
    // A consent heard on a call needs its proof; a withdrawal is as easy as it can be (rule 3).
    if (draft.channel() == Channel.CALL && draft.state() == ConsentState.GIVEN) {
      if (draft.recordingId() == null || draft.recordingOffsetMs() == null) {
        throw rule(
            "missing-evidence",
            "evidence.recordingId",
            "is required for a consent heard on a call (the recording and the offset)");
      }
      if (draft.collectedBy() != CollectorKind.AGENT) {
        throw rule("collector-mismatch", "collectedBy", "must be AGENT for a call");
      }
    }
    if (draft.state() == ConsentState.GIVEN
        && (draft.noticeId() == null || draft.noticeHash() == null)) {
      throw rule(
          "missing-notice",
          "notice",
          "is required: the id and content hash of the privacy notice presented");
    }
    if (draft.expiresAt() != null && !draft.expiresAt().isAfter(draft.occurredAt())) {
      throw rule("expiry-before-consent", "expiresAt", "must be after occurredAt");
    }
    checkProvenance(draft.provenanceSource(), draft.sellerChain());
  }

  /**
   * When an event happened: as the caller says, or now; refused if in the future beyond the allowed
   * clock skew (422, field occurredAt).
   */
  public static Instant occurredAt(Instant requested, Instant now, Duration skew) {
    Instant at = requested == null ? now : requested;
    if (at.isAfter(now.plus(skew))) {
      throw rule("future-timestamp", "occurredAt", "must not be in the future");
    }
    return at;
  }

  private static void checkProvenance(ProvenanceSource source, List<String> chain) {
    if (source == ProvenanceSource.OWN_COLLECTION) {
      if (!chain.isEmpty()) {
        throw rule("provenance", "provenance.sellerChain", "must be empty for own collection");
      }
      return;
    }
    if (chain.isEmpty() || chain.get(0) == null || chain.get(0).isBlank()) {
      throw rule(
          "provenance", "provenance.sellerChain", "must name the seller of a purchased list");
    }
    if (chain.size() > 1) {
      throw rule(
          "seller-chain",
          "provenance.sellerChain",
          "names a chain of sellers; a list must be bought from the seller who collected it");
    }
  }

  private static ProblemException rule(String slug, String field, String message) {
    return ProblemException.unprocessable(slug, field, message);
  }
}

package dev.riservo.consent.consents.service;

import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import java.time.Instant;
import java.util.List;

/**
 * A consent event as validated input. Field names match the API body, so errors name them.
 *
 * @param sellerChain for a purchased list, the sellers from the one who collected the contact to
 *     the one who sold it to us; only one hop (the collector sold it directly) is allowed
 * @param withinContract given within a contract with the person (rule 5's exception)
 * @param contractEndsAt when that contract ended or ends; null while it runs with no end date
 * @param means the means of calling the consent covers (rule 6)
 */
public record ConsentDraft(
    String purpose,
    ConsentState state,
    Instant occurredAt,
    Channel channel,
    CollectorKind collectedBy,
    String noticeId,
    String noticeHash,
    String recordingId,
    Long recordingOffsetMs,
    String jurisdiction,
    String language,
    Instant expiresAt,
    ProvenanceSource provenanceSource,
    List<String> sellerChain,
    boolean withinContract,
    Instant contractEndsAt,
    CallMeans means) {

  /** The same consent, happened at {@code at}. */
  public ConsentDraft at(Instant at) {
    return new ConsentDraft(
        purpose,
        state,
        at,
        channel,
        collectedBy,
        noticeId,
        noticeHash,
        recordingId,
        recordingOffsetMs,
        jurisdiction,
        language,
        expiresAt,
        provenanceSource,
        sellerChain,
        withinContract,
        contractEndsAt,
        means);
  }

  /**
   * A withdrawal of the purpose (rule 3): no notice, no expiry, no contract, and every means of
   * calling withdrawn at once.
   */
  public static ConsentDraft withdrawal(
      String purpose,
      Instant occurredAt,
      Channel channel,
      CollectorKind collectedBy,
      String recordingId,
      Long recordingOffsetMs,
      String jurisdiction,
      String language) {
    return new ConsentDraft(
        purpose,
        ConsentState.WITHDRAWN,
        occurredAt,
        channel,
        collectedBy,
        null,
        null,
        recordingId,
        recordingOffsetMs,
        jurisdiction,
        language,
        null,
        ProvenanceSource.OWN_COLLECTION,
        List.of(),
        false,
        null,
        CallMeans.PERSON_AND_AUTOMATED);
  }
}

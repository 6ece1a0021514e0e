package dev.riservo.consent.consents.service;

import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.sql.RowIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

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

  /**
   * The event this draft records for the subject, with fresh ids; the seller still in clear (the
   * receipt is signed with it, then {@link SealedProvenance} seals it).
   */
  public ConsentEventEntity event(
      UUID subjectRef,
      PurposeEntity purpose,
      String actor,
      Instant now,
      String defaultJurisdiction) {
    ConsentEventEntity event = new ConsentEventEntity();
    event.id = RowIds.next();
    event.receiptId = RowIds.next();
    event.subjectRef = subjectRef;
    event.purposeCode = purpose.code;
    event.state = state;
    event.occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    event.recordedAt = now;
    event.channel = channel;
    event.collectorKind = collectedBy;
    event.collectorId = collectedBy == CollectorKind.AGENT ? actor : null;
    event.noticeId = noticeId;
    event.noticeHash = noticeHash;
    event.recordingId = recordingId;
    event.recordingOffsetMs = recordingOffsetMs;
    event.jurisdiction = jurisdiction == null ? defaultJurisdiction : jurisdiction;
    event.language = language;
    event.expiresAt = expiresAt;
    event.provenanceSource = provenanceSource;
    event.provenanceSeller = sellerChain.isEmpty() ? null : sellerChain.get(0);
    event.withinContract = withinContract;
    event.contractEndsAt = contractEndsAt;
    event.callMeans = means;
    return event;
  }
}

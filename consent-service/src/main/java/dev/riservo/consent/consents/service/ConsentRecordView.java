package dev.riservo.consent.consents.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One consent record as the API shows it (the ISO/IEC TS 27560 fields, grouped as a request gives
 * them): in the history of {@code GET /v1/subjects/{ref}/consents} and in a subject-data export.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentRecordView(
    UUID id,
    String purpose,
    ConsentState state,
    Instant occurredAt,
    Instant recordedAt,
    Channel channel,
    Collector collectedBy,
    Notice notice,
    Evidence evidence,
    String jurisdiction,
    String language,
    Instant expiresAt,
    Provenance provenance,
    Contract contract,
    CallMeans means,
    UUID receiptId) {

  /** Who collected the consent: an agent (by the id in their token) or the subject. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Collector(CollectorKind kind, String agentId) {}

  /** The privacy notice version presented. */
  public record Notice(String id, String hash) {}

  /** The call recording that proves it, and the offset into it. */
  public record Evidence(String recordingId, Long offsetMs) {}

  /** The contract the consent was given within; no end date while it runs. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Contract(Instant endsAt) {}

  /** Where the contact came from; the seller for a bought list. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Provenance(ProvenanceSource source, String seller) {}

  /** The record of an event whose seller (sealed in the entity) was opened to {@code seller}. */
  public static ConsentRecordView of(ConsentEventEntity e, String seller) {
    return new ConsentRecordView(
        e.id,
        e.purposeCode,
        e.state,
        e.occurredAt,
        e.recordedAt,
        e.channel,
        new Collector(e.collectorKind, e.collectorId),
        e.noticeId == null ? null : new Notice(e.noticeId, e.noticeHash),
        e.recordingId == null ? null : new Evidence(e.recordingId, e.recordingOffsetMs),
        e.jurisdiction,
        e.language,
        e.expiresAt,
        new Provenance(e.provenanceSource, seller),
        e.withinContract ? new Contract(e.contractEndsAt) : null,
        e.callMeans,
        e.receiptId);
  }
}

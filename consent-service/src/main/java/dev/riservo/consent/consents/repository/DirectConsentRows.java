package dev.riservo.consent.consents.repository;

import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import dev.riservo.consent.purposes.domain.LegalBasis;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.receipts.repository.ReceiptEntity;
import dev.riservo.consent.sql.NativeStatements;
import dev.riservo.consent.subjects.repository.DirectSubjectRows;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The rows of the lean recording path, through native statements on a pooled connection: the
 * purpose read, the consent event and its receipt written (with a new subject's row). The Hibernate
 * entities serve as plain values here; nothing is managed by a session.
 */
public record DirectConsentRows(NativeStatements sql) {

  private static final String EVENT_COLUMNS =
      "id, subject_ref, purpose_code, state, occurred_at, recorded_at, channel, collector_kind,"
          + " collector_id, notice_id, notice_hash, recording_id, recording_offset_ms,"
          + " jurisdiction, language, expires_at, provenance_source, provenance_seller,"
          + " within_contract, contract_ends_at, receipt_id";

  /** The purpose, or null if there is none with this code. */
  public Uni<PurposeEntity> purpose(String code) {
    return sql.rows(
            "SELECT code, name, description, legal_basis, category, retention_days,"
                + " prior_consent_required, created_at, retired_at FROM purpose WHERE code = $1",
            code)
        .map(rows -> rows.isEmpty() ? null : purpose(rows.get(0)));
  }

  /** A subject's whole history, oldest first. */
  public Uni<List<ConsentEventEntity>> history(UUID subjectRef) {
    return sql.rows(
            "SELECT "
                + EVENT_COLUMNS
                + ", seq FROM consent_event WHERE subject_ref = $1 ORDER BY occurred_at, seq",
            subjectRef)
        .map(rows -> rows.stream().map(DirectConsentRows::event).toList());
  }

  /**
   * Writes the event and its receipt, and the subject first if it is new ({@code newSubject}, else
   * null), in one statement: one round trip. The foreign keys are checked at the statement's end,
   * when all its rows are in.
   */
  public Uni<Void> insert(SubjectEntity newSubject, ConsentEventEntity e, ReceiptEntity r) {
    List<Object> params =
        new ArrayList<>(
            Arrays.asList(
                e.id,
                e.subjectRef,
                e.purposeCode,
                e.state.name(),
                e.occurredAt,
                e.recordedAt,
                e.channel.name(),
                e.collectorKind.name(),
                e.collectorId,
                e.noticeId,
                e.noticeHash,
                e.recordingId,
                e.recordingOffsetMs,
                e.jurisdiction,
                e.language,
                e.expiresAt,
                e.provenanceSource.name(),
                e.provenanceSeller,
                e.withinContract,
                e.contractEndsAt,
                e.receiptId,
                r.id,
                r.consentEventId,
                r.subjectRef,
                r.jws,
                r.issuedAt));
    String subject = "";
    if (newSubject != null) {
      params.addAll(DirectSubjectRows.values(newSubject));
      subject =
          "s AS (INSERT INTO subject ("
              + DirectSubjectRows.COLUMNS
              + ") VALUES ($27, $28, $29, $30, $31, $32, $33, $34, $35, $36)), ";
    }
    return sql.update(
            "WITH "
                + subject
                + "e AS (INSERT INTO consent_event ("
                + EVENT_COLUMNS
                + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
                + " $16, $17, $18, $19, $20, $21)) INSERT INTO receipt (id, consent_event_id,"
                + " subject_ref, jws, issued_at) VALUES ($22, $23, $24, $25, $26)",
            params.toArray())
        .replaceWithVoid();
  }

  private static ConsentEventEntity event(Object[] row) {
    ConsentEventEntity e = new ConsentEventEntity();
    e.id = (UUID) row[0];
    e.subjectRef = (UUID) row[1];
    e.purposeCode = (String) row[2];
    e.state = ConsentState.valueOf((String) row[3]);
    e.occurredAt = instant(row[4]);
    e.recordedAt = instant(row[5]);
    e.channel = Channel.valueOf((String) row[6]);
    e.collectorKind = CollectorKind.valueOf((String) row[7]);
    e.collectorId = (String) row[8];
    e.noticeId = (String) row[9];
    e.noticeHash = (String) row[10];
    e.recordingId = (String) row[11];
    e.recordingOffsetMs = (Long) row[12];
    e.jurisdiction = (String) row[13];
    e.language = (String) row[14];
    e.expiresAt = instant(row[15]);
    e.provenanceSource = ProvenanceSource.valueOf((String) row[16]);
    e.provenanceSeller = (String) row[17];
    e.withinContract = (Boolean) row[18];
    e.contractEndsAt = instant(row[19]);
    e.receiptId = (UUID) row[20];
    e.seq = (Long) row[21];
    return e;
  }

  private static Instant instant(Object column) {
    return column == null ? null : ((OffsetDateTime) column).toInstant();
  }

  private static PurposeEntity purpose(Object[] row) {
    PurposeEntity p = new PurposeEntity();
    p.code = (String) row[0];
    p.name = (String) row[1];
    p.description = (String) row[2];
    p.legalBasis = LegalBasis.valueOf((String) row[3]);
    p.category = PurposeCategory.valueOf((String) row[4]);
    p.retentionDays = (Integer) row[5];
    p.priorConsentRequired = (Boolean) row[6];
    p.createdAt = instant(row[7]);
    p.retiredAt = instant(row[8]);
    return p;
  }
}

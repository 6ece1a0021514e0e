package dev.riservo.consent.consents.repository;

import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import dev.riservo.consent.purposes.domain.LegalBasis;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.receipts.repository.ReceiptEntity;
import dev.riservo.consent.subjects.repository.DirectSubjectRows;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import dev.riservo.idempotency.NativeStatements;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Array;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
          + " within_contract, contract_ends_at, receipt_id, call_means";

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
   * Writes events and their receipts, and the new subjects they name, in one statement (one round
   * trip, whatever the number of rows): each table's rows go in as one array per column. The
   * foreign keys are checked at the statement's end, when all its rows are in; the events keep
   * their order (their {@code seq}).
   */
  public Uni<Void> insert(
      List<SubjectEntity> newSubjects,
      List<ConsentEventEntity> events,
      List<ReceiptEntity> receipts) {
    return sql.update(INSERT, parameters(newSubjects, events, receipts)).replaceWithVoid();
  }

  private static final String INSERT =
      "WITH s AS (INSERT INTO subject ("
          + DirectSubjectRows.COLUMNS
          + ") SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
          + " $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::boolean[])),"
          + " e AS (INSERT INTO consent_event ("
          + EVENT_COLUMNS
          + ") SELECT "
          + EVENT_COLUMNS
          + " FROM unnest($11::uuid[], $12::uuid[], $13::text[], $14::text[],"
          + " $15::timestamptz[], $16::timestamptz[], $17::text[], $18::text[], $19::text[],"
          + " $20::text[], $21::text[], $22::text[], $23::bigint[], $24::text[], $25::text[],"
          + " $26::timestamptz[], $27::text[], $28::text[], $29::boolean[], $30::timestamptz[],"
          + " $31::uuid[], $32::text[]) WITH ORDINALITY AS u("
          + EVENT_COLUMNS
          + ", i) ORDER BY i)"
          + " INSERT INTO receipt (id, consent_event_id, subject_ref, jws, issued_at)"
          + " SELECT * FROM unnest($33::uuid[], $34::uuid[], $35::uuid[], $36::text[],"
          + " $37::timestamptz[])";

  private static Object[] parameters(
      List<SubjectEntity> subjects, List<ConsentEventEntity> events, List<ReceiptEntity> receipts) {
    List<Object> columns = new ArrayList<>(37);
    List<List<Object>> subjectRows = subjects.stream().map(DirectSubjectRows::values).toList();
    for (int c = 0; c < 10; c++) {
      columns.add(column(subjectRows, c, SUBJECT_TYPES[c]));
    }
    List<List<Object>> eventRows = events.stream().map(DirectConsentRows::values).toList();
    for (int c = 0; c < EVENT_TYPES.length; c++) {
      columns.add(column(eventRows, c, EVENT_TYPES[c]));
    }
    List<List<Object>> receiptRows =
        receipts.stream()
            .map(
                r -> Arrays.<Object>asList(r.id, r.consentEventId, r.subjectRef, r.jws, r.issuedAt))
            .toList();
    for (int c = 0; c < 5; c++) {
      columns.add(column(receiptRows, c, RECEIPT_TYPES[c]));
    }
    return columns.toArray();
  }

  private static final Class<?>[] SUBJECT_TYPES = {
    UUID.class,
    String.class,
    String.class,
    String.class,
    String.class,
    String.class,
    String.class,
    OffsetDateTime.class,
    OffsetDateTime.class,
    Boolean.class
  };
  private static final Class<?>[] EVENT_TYPES = {
    UUID.class,
    UUID.class,
    String.class,
    String.class,
    OffsetDateTime.class,
    OffsetDateTime.class,
    String.class,
    String.class,
    String.class,
    String.class,
    String.class,
    String.class,
    Long.class,
    String.class,
    String.class,
    OffsetDateTime.class,
    String.class,
    String.class,
    Boolean.class,
    OffsetDateTime.class,
    UUID.class,
    String.class
  };
  private static final Class<?>[] RECEIPT_TYPES = {
    UUID.class, UUID.class, UUID.class, String.class, OffsetDateTime.class
  };

  /** An event's values, in the order of {@link #EVENT_COLUMNS}. */
  private static List<Object> values(ConsentEventEntity e) {
    return Arrays.asList(
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
        e.callMeans.name());
  }

  /** Column {@code c} of the rows as a typed array (instants as the client's timestamps). */
  private static Object column(List<List<Object>> rows, int c, Class<?> type) {
    Object array = Array.newInstance(type, rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Object value = rows.get(r).get(c);
      Array.set(array, r, value instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : value);
    }
    return array;
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
    e.callMeans = CallMeans.valueOf((String) row[21]);
    e.seq = (Long) row[22];
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

package dev.riservo.notice.changes.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditJdbc;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.notice.subjectdata.service.SubjectService;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The notification list of a campaign as CSV, streamed: the members who count, with the contact
 * details to tell them by (opened from their sealed identifiers) and the evidence so far. Read with
 * a cursor {@link #BATCH} rows at a time, each batch's keys loaded in one key-store read, so the
 * memory it takes does not grow with the list. Blocking: run it on a worker. The export is audited
 * (who took the list, how many rows); the list itself is personal data and never logged.
 */
@ApplicationScoped
public class CampaignExport {

  static final int BATCH = 1000;

  public static final String HEADER =
      "subject_ref,phone,email,customer_id,last_version_heard,last_presented_at,notified_at,"
          + "channel,message_id\n";

  /** One member as read, its identifiers still sealed. */
  private record Sealed(
      String subjectRef,
      String phone,
      String email,
      String customerId,
      int lastVersionHeard,
      Timestamp lastPresentedAt,
      Timestamp notifiedAt,
      String channel,
      String messageId) {}

  private final AgroalDataSource db;
  private final FieldEncryption encryption;

  public CampaignExport(AgroalDataSource db, FieldEncryption encryption) {
    this.db = db;
    this.encryption = encryption;
  }

  /** True if the campaign exists. */
  public boolean exists(UUID id) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT 1 FROM notification_campaign WHERE id = ?")) {
      select.setObject(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** Writes the list of campaign {@code id} (which exists) to {@code out}; answers the rows. */
  public long write(UUID id, String actor, OutputStream out) throws SQLException {
    long written = 0;
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false); // a cursor: the rows come BATCH at a time
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT m.subject_ref, s.phone_sealed, s.email_sealed, s.customer_id_sealed,"
                  + " m.last_version_heard, m.last_presented_at, m.notified_at, m.channel,"
                  + " m.message_id FROM notification_member m"
                  + " JOIN subject s ON s.ref = m.subject_ref WHERE m.campaign_id = ?"
                  + " AND s.erased_at IS NULL AND s.restricted_at IS NULL"
                  + " ORDER BY m.subject_ref")) {
        select.setFetchSize(BATCH);
        select.setObject(1, id);
        out.write(HEADER.getBytes(StandardCharsets.UTF_8));
        try (ResultSet rows = select.executeQuery()) {
          List<Sealed> batch = new ArrayList<>(BATCH);
          while (rows.next()) {
            batch.add(sealed(rows));
            if (batch.size() == BATCH) {
              written += flush(batch, out);
            }
          }
          written += flush(batch, out);
        }
        AuditJdbc.append(
            connection,
            new AuditEvent(
                actor,
                "notice.change-campaign-exported",
                null,
                Map.of("campaign", id.toString(), "rows", Long.toString(written))));
        connection.commit();
      } catch (IOException e) {
        connection.rollback();
        throw new UncheckedIOException(e);
      }
    }
    return written;
  }

  private static Sealed sealed(ResultSet row) throws SQLException {
    return new Sealed(
        row.getObject(1, UUID.class).toString(),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getInt(5),
        row.getTimestamp(6),
        row.getTimestamp(7),
        row.getString(8),
        row.getString(9));
  }

  /** Opens and writes a batch (its keys read at once), then empties it; answers its size. */
  private int flush(List<Sealed> batch, OutputStream out) throws IOException {
    if (batch.isEmpty()) {
      return 0;
    }
    encryption.warm(batch.stream().map(Sealed::subjectRef).toList());
    StringBuilder lines = new StringBuilder(batch.size() * 160);
    for (Sealed member : batch) {
      String ref = member.subjectRef();
      lines.append(ref).append(',');
      cell(lines, open(ref, SubjectService.PHONE_FIELD, member.phone())).append(',');
      cell(lines, open(ref, SubjectService.EMAIL_FIELD, member.email())).append(',');
      cell(lines, open(ref, SubjectService.CUSTOMER_ID_FIELD, member.customerId())).append(',');
      lines.append(member.lastVersionHeard()).append(',');
      lines.append(member.lastPresentedAt().toInstant()).append(',');
      lines.append(member.notifiedAt() == null ? "" : member.notifiedAt().toInstant()).append(',');
      cell(lines, member.channel()).append(',');
      cell(lines, member.messageId()).append('\n');
    }
    int size = batch.size();
    batch.clear();
    out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    return size;
  }

  private String open(String ref, String field, String sealed) {
    return sealed == null ? null : encryption.decrypt(ref, field, sealed);
  }

  /**
   * One CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180); a value a
   * spreadsheet would run as a formula (= or @ first) is prefixed with an apostrophe. A phone
   * number's leading + stays as it is.
   */
  static StringBuilder cell(StringBuilder out, String value) {
    if (value == null) {
      return out;
    }
    String text = value.startsWith("=") || value.startsWith("@") ? "'" + value : value;
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return out.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
    return out.append(text);
  }
}

package dev.riservo.audit.service;

import dev.riservo.audit.domain.AuditChain;
import dev.riservo.audit.domain.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * {@link AuditTrail#append} for work that runs on a JDBC connection (bulk imports on a worker
 * thread): the entry is written unchained in the caller's transaction, and {@link AuditChainer}
 * chains it after commit like any other.
 */
public final class AuditJdbc {

  private AuditJdbc() {}

  public static void append(Connection connection, AuditEvent event) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_entry (occurred_at, actor, action, subject_ref, details)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setTimestamp(1, Timestamp.from(AuditChain.storable(Instant.now())));
      insert.setString(2, event.actor());
      insert.setString(3, event.action());
      insert.setString(4, event.subjectRef());
      insert.setString(5, AuditChain.canonicalDetails(event.details()));
      insert.executeUpdate();
    }
  }
}

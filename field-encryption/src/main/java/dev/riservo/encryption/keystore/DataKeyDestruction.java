package dev.riservo.encryption.keystore;

import dev.riservo.encryption.keystore.KeyDatabase.DataKeyRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Destroys data keys in the key database: shreds (a tombstone stays) and discards (no trace), each
 * announced to every replica and marking the key table for the rewrite ({@link ShredVacuum}).
 */
final class DataKeyDestruction {

  private final Jdbc jdbc;

  DataKeyDestruction(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Destroys each subject's wrapped key (or records a tombstone if it never had one), in one
   * transaction, and notifies every listener; answers how many live keys it destroyed.
   *
   * <p>The live row is deleted and a tombstone inserted under the same key id (so a value sealed
   * under it reads as shredded, not as tampered), rather than updated in place: nothing of the old
   * row version is carried into the new one, and the key table is marked for the rewrite that takes
   * the deleted version off the disk ({@link ShredVacuum}).
   */
  int shredAll(Collection<String> subjectRefs) {
    Object[] refs = new LinkedHashSet<>(subjectRefs).toArray();
    if (refs.length == 0) {
      return 0;
    }
    return jdbc.inTransaction(
        connection -> {
          List<DataKeyRow> destroyed =
              Jdbc.query(
                  connection,
                  "DELETE FROM data_key WHERE subject_ref = ANY (?::text[]) AND wrapped IS NOT NULL"
                      + " RETURNING key_id, subject_ref, version",
                  ps -> ps.setArray(1, connection.createArrayOf("text", refs)),
                  rs ->
                      new DataKeyRow(
                          rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), null));
          Jdbc.update(
              connection,
              "INSERT INTO data_key (key_id, subject_ref, version, wrapped, shredded_at)"
                  + " SELECT coalesce(d.key_id, gen_random_uuid()), u.ref, coalesce(d.version, 1),"
                  + " NULL, now() FROM unnest(?::text[]) AS u(ref) LEFT JOIN"
                  + " unnest(?::uuid[], ?::text[], ?::int[]) AS d(key_id, ref, version) USING (ref)"
                  + " ON CONFLICT (subject_ref) DO NOTHING",
              ps -> {
                ps.setArray(1, connection.createArrayOf("text", refs));
                ps.setArray(
                    2,
                    connection.createArrayOf(
                        "uuid", destroyed.stream().map(DataKeyRow::keyId).toArray()));
                ps.setArray(
                    3,
                    connection.createArrayOf(
                        "text", destroyed.stream().map(DataKeyRow::subjectRef).toArray()));
                ps.setArray(
                    4,
                    connection.createArrayOf(
                        "int4", destroyed.stream().map(DataKeyRow::version).toArray()));
              });
          if (!destroyed.isEmpty()) {
            keyDestroyed(connection);
          }
          announce(connection, refs);
          return destroyed.size();
        });
  }

  /**
   * Deletes the subject's live key outright, leaving no tombstone (the subject was never committed,
   * so nothing was sealed under the key); a tombstone is never deleted. Answers true if a key was
   * deleted.
   */
  boolean discardUnused(String subjectRef) {
    return jdbc.inTransaction(
        connection -> {
          if (deleteLiveKey(connection, subjectRef).isEmpty()) {
            return false;
          }
          keyDestroyed(connection);
          announce(connection, new Object[] {subjectRef});
          return true;
        });
  }

  private static List<DataKeyRow> deleteLiveKey(Connection connection, String subjectRef)
      throws SQLException {
    return Jdbc.query(
        connection,
        "DELETE FROM data_key WHERE subject_ref = ? AND wrapped IS NOT NULL"
            + " RETURNING key_id, subject_ref, version",
        ps -> ps.setString(1, subjectRef),
        rs -> new DataKeyRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), null));
  }

  /** Marks the key table for a rewrite that covers this transaction ({@link ShredVacuum}). */
  private static void keyDestroyed(Connection connection) throws SQLException {
    Jdbc.update(
        connection,
        "UPDATE key_store_vacuum SET requested_at = clock_timestamp(),"
            + " requested_xid = greatest(requested_xid, pg_current_xact_id())",
        ps -> {});
  }

  private static void announce(Connection connection, Object[] subjectRefs) throws SQLException {
    Jdbc.query(
        connection,
        "SELECT pg_notify(?, ref) FROM unnest(?::text[]) AS u(ref)",
        ps -> {
          ps.setString(1, KeyEvents.CHANNEL);
          ps.setArray(2, connection.createArrayOf("text", subjectRefs));
        },
        rs -> null);
  }
}

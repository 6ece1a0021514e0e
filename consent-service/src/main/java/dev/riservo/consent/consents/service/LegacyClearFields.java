package dev.riservo.consent.consents.service;

import dev.riservo.consent.jdbc.Jdbc;
import dev.riservo.consent.receipts.service.ReceiptService;
import dev.riservo.encryption.FieldEncryption;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Seals, at start-up, what was stored in clear before sellers and receipts were sealed (migration
 * V18): each seller name waiting in {@code provenance_seller_clear}, and each receipt whose JWS is
 * still in clear (it has dots; a sealed value has none). Batches of {@link #BATCH}, each in its own
 * transaction, with the progress logged; a second replica starting at once seals the rows the first
 * has not locked yet ({@code SKIP LOCKED}). Nothing is left to do on a database created after V18.
 */
@ApplicationScoped
public class LegacyClearFields {

  static final int BATCH = 500;

  private final AgroalDataSource db;
  private final FieldEncryption encryption;

  public LegacyClearFields(AgroalDataSource db, FieldEncryption encryption) {
    this.db = db;
    this.encryption = encryption;
  }

  void sealAtStart(@Observes StartupEvent event) throws SQLException {
    sealWhatIsInClear();
  }

  /** Seals every value still in clear; answers how many (seller names plus receipts). */
  public long sealWhatIsInClear() throws SQLException {
    long sellers =
        sealAll(
            "SELECT id, subject_ref, provenance_seller_clear FROM consent_event"
                + " WHERE provenance_seller_clear IS NOT NULL LIMIT ? FOR UPDATE SKIP LOCKED",
            "UPDATE consent_event SET provenance_seller = ?, provenance_seller_clear = NULL"
                + " WHERE id = ?",
            SealedProvenance.SELLER_FIELD);
    long receipts =
        sealAll(
            "SELECT id, subject_ref, jws FROM receipt WHERE strpos(jws, '.') > 0"
                + " LIMIT ? FOR UPDATE SKIP LOCKED",
            "UPDATE receipt SET jws = ? WHERE id = ?",
            ReceiptService.JWS_FIELD);
    if (sellers + receipts > 0) {
      Log.infof("sealed %d seller names and %d receipts stored in clear", sellers, receipts);
    }
    return sellers + receipts;
  }

  /** Seals batch after batch until none is left; answers how many values were sealed. */
  long sealAll(String select, String update, String field) throws SQLException {
    long total = 0;
    int batch;
    do {
      batch = sealBatch(select, update, field);
      total += batch;
      if (batch > 0) {
        Log.infof("sealing %s values stored in clear: %d so far", field, total);
      }
    } while (batch == BATCH);
    return total;
  }

  private int sealBatch(String select, String update, String field) throws SQLException {
    int[] count = {0};
    Jdbc.inTransaction(
        db,
        connection -> {
          try (PreparedStatement rows = connection.prepareStatement(select)) {
            rows.setInt(1, BATCH);
            try (ResultSet row = rows.executeQuery()) {
              while (row.next()) {
                UUID id = row.getObject(1, UUID.class);
                String subject = row.getObject(2, UUID.class).toString();
                seal(connection, update, id, encryption.encrypt(subject, field, row.getString(3)));
                count[0]++;
              }
            }
          }
        });
    return count[0];
  }

  private static void seal(Connection connection, String update, UUID id, String ciphertext)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(update)) {
      statement.setString(1, ciphertext);
      statement.setObject(2, id);
      statement.executeUpdate();
    }
  }
}

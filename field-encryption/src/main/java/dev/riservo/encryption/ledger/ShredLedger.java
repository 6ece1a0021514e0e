package dev.riservo.encryption.ledger;

import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.keystore.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The shred ledger: every subject whose data key was destroyed, kept in the service's own database
 * (table {@code shred_ledger}, migration {@code db/shred-ledger}), apart from the key database. A
 * key database restored from a backup older than an erasure holds that subject's key again; the
 * ledger says which subjects to shred again ({@code FieldEncryption.replayShredLedger()}).
 *
 * <p>Subject references only, no personal data. Plain blocking JDBC: never on an event loop.
 */
public final class ShredLedger {

  /** What a replay found: subjects ledgered, subjects shredded again. */
  public record ReplayReport(long ledgered, long shreddedAgain) {}

  private static final Logger LOG = Logger.getLogger(ShredLedger.class);
  private static final int REPLAY_BATCH = 1000;

  private final DataSource serviceDatabase;

  public ShredLedger(DataSource serviceDatabase) {
    this.serviceDatabase = serviceDatabase;
  }

  /** Records that the subject is erased (idempotent); committed before this returns. */
  public void record(String subjectRef) {
    try (Connection connection = serviceDatabase.getConnection();
        PreparedStatement ps =
            connection.prepareStatement(
                "INSERT INTO shred_ledger (subject_ref) VALUES (?)"
                    + " ON CONFLICT (subject_ref) DO NOTHING")) {
      ps.setString(1, subjectRef);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new ShredLedgerUnavailableException(e);
    }
  }

  /** Up to {@code size} ledgered subjects after {@code after} (in subject reference order). */
  public List<String> page(String after, int size) {
    try (Connection connection = serviceDatabase.getConnection();
        PreparedStatement ps =
            connection.prepareStatement(
                "SELECT subject_ref FROM shred_ledger WHERE subject_ref > ?"
                    + " ORDER BY subject_ref LIMIT ?")) {
      ps.setString(1, after);
      ps.setInt(2, size);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> subjects = new ArrayList<>(size);
        while (rs.next()) {
          subjects.add(rs.getString(1));
        }
        return subjects;
      }
    } catch (SQLException e) {
      throw new ShredLedgerUnavailableException(e);
    }
  }

  /**
   * Shreds again, in {@code keyStore}, every ledgered subject that it holds no tombstone for (a key
   * database restored from a backup older than their erasure), calling {@code shredded} with each.
   * Blocking. Logs counts only.
   */
  public ReplayReport replay(KeyStore keyStore, Consumer<String> shredded) {
    long ledgered = 0;
    long shreddedAgain = 0;
    String after = "";
    while (true) {
      List<String> page = page(after, REPLAY_BATCH);
      ledgered += page.size();
      List<String> again = keyStore.notShreddedAmong(page);
      keyStore.shredAll(again);
      again.forEach(shredded);
      shreddedAgain += again.size();
      if (page.size() < REPLAY_BATCH) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    if (shreddedAgain > 0) {
      LOG.warnf(
          "shred ledger replayed: %d of %d erased subjects had a key again (the key database was"
              + " restored from an older backup) and were shredded again",
          shreddedAgain, ledgered);
    } else {
      LOG.infof("shred ledger replayed: %d erased subjects, none to shred again", ledgered);
    }
    return new ReplayReport(ledgered, shreddedAgain);
  }

  /** Fails, naming what to set, if the service database lacks the ledger's table. */
  public void check() {
    try {
      page("", 1);
    } catch (ShredLedgerUnavailableException e) {
      throw new KeyStoreConfigurationException(
          "the shred ledger cannot be read from the service database ("
              + e.getMessage()
              + "): add db/shred-ledger to quarkus.flyway.locations (with"
              + " quarkus.flyway.out-of-order=true), or set"
              + " riservo.encryption.shred-ledger.enabled=false",
          e);
    }
  }
}

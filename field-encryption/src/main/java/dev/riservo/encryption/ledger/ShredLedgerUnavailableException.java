package dev.riservo.encryption.ledger;

import dev.riservo.encryption.KeyStoreUnavailableException;
import java.sql.SQLException;

/**
 * The service database did not take or give the shred ledger: an erasure is refused (nothing was
 * destroyed), a replay is retried.
 */
public final class ShredLedgerUnavailableException extends KeyStoreUnavailableException {

  ShredLedgerUnavailableException(SQLException cause) {
    super("the shred ledger is not available (SQL state " + cause.getSQLState() + ")", cause);
  }
}

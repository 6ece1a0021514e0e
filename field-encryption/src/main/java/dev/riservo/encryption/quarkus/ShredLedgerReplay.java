package dev.riservo.encryption.quarkus;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.ledger.ShredLedger;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Replays the shred ledger at start-up (before the application is started, so normally before any
 * request); if it cannot (a database down), keeps trying on a thread of its own while readiness is
 * DOWN and no data key is loaded ({@link FieldEncryption#replayShredLedger}).
 */
@ApplicationScoped
public class ShredLedgerReplay {

  private static final long MAX_BACKOFF_MS = 30_000;

  private final FieldEncryption encryption;
  private volatile ShredLedger.ReplayReport report;
  private volatile String failure;
  private volatile Thread retrying;

  public ShredLedgerReplay(FieldEncryption encryption) {
    this.encryption = encryption;
  }

  /** Replays now; on failure, again in the background until it succeeds. */
  void start() {
    if (!attempt()) {
      Thread thread = new Thread(this::retry, "riservo-shred-ledger-replay");
      thread.setDaemon(true);
      retrying = thread;
      thread.start();
    }
  }

  boolean attempt() {
    try {
      report = encryption.replayShredLedger();
      failure = null;
      return true;
    } catch (RuntimeException e) {
      failure = e.getMessage();
      Log.errorf(
          "shred ledger not replayed (%s): no data key is served and readiness is DOWN until it is;"
              + " retrying",
          e.getMessage());
      return false;
    }
  }

  private void retry() {
    long backoff = 1000;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      if (attempt()) {
        return;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /** True once the ledger was replayed (or there is none). */
  public boolean done() {
    return encryption.shredLedgerReplayed();
  }

  /** The last replay's counts, once one succeeded. */
  public Optional<ShredLedger.ReplayReport> report() {
    return Optional.ofNullable(report);
  }

  /** Why the last attempt failed, while it has not succeeded. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  void stop(@Observes ShutdownEvent stop) {
    Thread thread = retrying;
    if (thread != null) {
      thread.interrupt();
    }
  }
}

package dev.riservo.consent.consents.cache;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Tells the other replicas, right after commit, of the changes that only permit more (a consent
 * given, a subject registered). PostgreSQL serialises every committing transaction that sent a
 * NOTIFY on one cluster-wide lock held through the commit's WAL flush, so a NOTIFY inside each
 * recording transaction capped recording at one commit per flush. Here the payloads of many
 * requests go out together, one batch at a time, in a transaction of their own that does not wait
 * for the flush (a notification lost in a database crash is lost anyway: listeners reload when they
 * reconnect).
 *
 * <p>Changes that restrict (a withdrawal, an objection, an erasure) are still announced inside
 * their own transaction, so that they are in force on every replica the moment they commit. A
 * broadcast lost between commit and sending (the replica stopped in between) leaves the others
 * stricter than they need be, never laxer: they do not yet know of the consent or the subject, and
 * their cached states expire within minutes.
 */
@ApplicationScoped
public class ChangeBroadcast {

  private static final Logger LOG = Logger.getLogger(ChangeBroadcast.class);
  private static final int BATCH = 1000;
  private static final int MAX_PENDING = 100_000;
  private static final long RETRY_MS = 1000;

  private final Pool pool;
  private final Vertx vertx;
  private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();

  public ChangeBroadcast(Pool pool, Vertx vertx) {
    this.pool = pool;
    this.vertx = vertx;
  }

  /** Queues payloads for the next batch (dropped, with a warning, past 100,000 unsent). */
  public void send(List<String> payloads) {
    for (String payload : payloads) {
      if (size.incrementAndGet() > MAX_PENDING) {
        size.decrementAndGet();
        LOG.warnf("change broadcast backlog full: a change was not broadcast");
        continue;
      }
      pending.add(payload);
    }
    drain();
  }

  private void drain() {
    if (pending.isEmpty() || !sending.compareAndSet(false, true)) {
      return;
    }
    List<String> batch = new ArrayList<>();
    for (String payload; batch.size() < BATCH && (payload = pending.poll()) != null; ) {
      batch.add(payload);
    }
    size.addAndGet(-batch.size());
    pool.withTransaction(
            connection ->
                connection
                    .query("SET LOCAL synchronous_commit = off")
                    .execute()
                    .chain(
                        () ->
                            connection
                                .preparedQuery(
                                    "SELECT pg_notify('"
                                        + SubjectSnapshots.CHANNEL
                                        + "', p) FROM unnest($1::text[]) AS p")
                                .execute(Tuple.of(batch.toArray(String[]::new)))))
        .subscribe()
        .with(
            done -> {
              sending.set(false);
              drain();
            },
            failure -> {
              LOG.warnf(
                  "change broadcast failed (%s); retrying in %d ms",
                  failure.getClass().getSimpleName(), RETRY_MS);
              pending.addAll(batch);
              size.addAndGet(batch.size());
              vertx.setTimer(
                  RETRY_MS,
                  id -> {
                    sending.set(false);
                    drain();
                  });
            });
  }
}

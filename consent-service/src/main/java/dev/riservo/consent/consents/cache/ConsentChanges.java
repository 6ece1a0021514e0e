package dev.riservo.consent.consents.cache;

import dev.riservo.idempotency.NativeStatements;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Announces that a subject's consent state changed, to every replica. A change that restricts (a
 * withdrawal, an objection, an erasure) is a NOTIFY inside the writing transaction, heard by every
 * replica the moment it commits. A change that only permits more (a consent given, a subject
 * registered: {@link #afterCommit}) is broadcast right after commit ({@link ChangeBroadcast}), so
 * that recording transactions do not queue on PostgreSQL's notification lock.
 *
 * <p>The payloads are also kept with the request ({@link #takeAnnounced}), so that the writing
 * replica applies them the moment its answer is ready ({@code ChangesAppliedAfterCommit}), without
 * waiting for its own notification.
 */
@ApplicationScoped
public class ConsentChanges {

  public Uni<Void> subject(UUID subjectRef) {
    return announce(NativeStatements.ofSession(), subjectRef.toString());
  }

  /**
   * A change of the subject that restricts, kept for the current request (applied here once its
   * answer is ready); the writing transaction announces it ({@link #announceAll}).
   */
  public void restricted(UUID subjectRef) {
    keep(ANNOUNCED, subjectRef.toString());
  }

  /**
   * Announces the payloads inside the transaction that {@code sql} carries, in one statement; they
   * are not kept here (the requests they belong to keep their own: {@link #restricted}).
   */
  public Uni<Void> announceAll(NativeStatements sql, List<String> payloads) {
    if (payloads.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return sql.update(
            "SELECT pg_notify('" + SubjectSnapshots.CHANNEL + "', p) FROM unnest($1::text[]) AS p",
            (Object) payloads.toArray(String[]::new))
        .replaceWithVoid();
  }

  /** A change to the number directory of the dial check ({@code NumberDirectory}'s payloads). */
  public Uni<Void> number(String payload) {
    return announce(NativeStatements.ofSession(), payload);
  }

  /**
   * A change that only permits more, broadcast to the other replicas once the request's transaction
   * has committed (and applied here at once).
   */
  public void afterCommit(String payload) {
    keep(ANNOUNCED, payload);
    keep(BROADCAST, payload);
  }

  public Uni<Void> purposes() {
    return announce(NativeStatements.ofSession(), SubjectSnapshots.PURPOSES);
  }

  /**
   * pg_notify run as an update statement, one constant statement with the payload as a parameter:
   * prepared once per connection, and Hibernate keeps no result mapping for it.
   */
  private static Uni<Void> announce(NativeStatements sql, String payload) {
    keep(ANNOUNCED, payload);
    return sql.update("SELECT pg_notify('" + SubjectSnapshots.CHANNEL + "', $1)", payload)
        .replaceWithVoid();
  }

  private static final String ANNOUNCED = "riservo.consent.announced";
  private static final String BROADCAST = "riservo.consent.broadcast";

  private static void keep(String list, String payload) {
    Context context = Vertx.currentContext();
    if (context == null || !VertxContext.isDuplicatedContext(context)) {
      return;
    }
    List<String> kept = ContextLocals.<List<String>>get(list).orElse(null);
    if (kept == null) {
      kept = new ArrayList<>();
      ContextLocals.put(list, kept);
    }
    kept.add(payload);
  }

  /** The payloads announced while serving the current request, cleared as they are taken. */
  public static List<String> takeAnnounced() {
    return take(ANNOUNCED);
  }

  /** The payloads to broadcast after commit ({@link #afterCommit}), cleared as they are taken. */
  public static List<String> takeBroadcast() {
    return take(BROADCAST);
  }

  private static List<String> take(String list) {
    Context context = Vertx.currentContext();
    if (context == null || !VertxContext.isDuplicatedContext(context)) {
      return List.of();
    }
    List<String> kept = ContextLocals.<List<String>>get(list).orElse(List.of());
    ContextLocals.remove(list);
    return kept;
  }
}

package dev.riservo.consent.consents.cache;

import dev.riservo.consent.sql.NativeStatements;
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
 * Announces, inside the writing transaction, that a subject's consent state changed: a NOTIFY that
 * every replica hears once the transaction commits. The payloads are also kept with the request
 * ({@link #takeAnnounced}), so that the writing replica applies them the moment its answer is ready
 * ({@code ChangesAppliedAfterCommit}), without waiting for its own notification.
 */
@ApplicationScoped
public class ConsentChanges {

  public Uni<Void> subject(UUID subjectRef) {
    return subject(NativeStatements.ofSession(), subjectRef);
  }

  /** The same, in the transaction that {@code sql} carries. */
  public Uni<Void> subject(NativeStatements sql, UUID subjectRef) {
    return announce(sql, subjectRef.toString());
  }

  /** A change to the number directory of the dial check ({@code NumberDirectory}'s payloads). */
  public Uni<Void> number(String payload) {
    return number(NativeStatements.ofSession(), payload);
  }

  /** The same, in the transaction that {@code sql} carries. */
  public Uni<Void> number(NativeStatements sql, String payload) {
    return announce(sql, payload);
  }

  public Uni<Void> purposes() {
    return announce(NativeStatements.ofSession(), SubjectSnapshots.PURPOSES);
  }

  /**
   * pg_notify run as an update statement, one constant statement with the payload as a parameter:
   * prepared once per connection, and Hibernate keeps no result mapping for it.
   */
  private static Uni<Void> announce(NativeStatements sql, String payload) {
    keep(payload);
    return sql.update("SELECT pg_notify('" + SubjectSnapshots.CHANNEL + "', $1)", payload)
        .replaceWithVoid();
  }

  private static final String ANNOUNCED = "riservo.consent.announced";

  private static void keep(String payload) {
    Context context = Vertx.currentContext();
    if (context == null || !VertxContext.isDuplicatedContext(context)) {
      return;
    }
    List<String> announced = ContextLocals.<List<String>>get(ANNOUNCED).orElse(null);
    if (announced == null) {
      announced = new ArrayList<>();
      ContextLocals.put(ANNOUNCED, announced);
    }
    announced.add(payload);
  }

  /** The payloads announced while serving the current request, cleared as they are taken. */
  public static List<String> takeAnnounced() {
    Context context = Vertx.currentContext();
    if (context == null || !VertxContext.isDuplicatedContext(context)) {
      return List.of();
    }
    List<String> announced = ContextLocals.<List<String>>get(ANNOUNCED).orElse(List.of());
    ContextLocals.remove(ANNOUNCED);
    return announced;
  }
}

package dev.riservo.audit.service;

import dev.riservo.audit.domain.AuditChain;
import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.domain.AuditVerification;
import dev.riservo.audit.repository.AuditEntryEntity;
import dev.riservo.audit.repository.AuditEntryRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * The service's audit trail. {@link #append} joins the caller's transaction, so an entry is written
 * if and only if the state change it describes is; {@link AuditChainer} links committed entries
 * into the hash chain that {@link AuditVerifications} checks.
 */
@ApplicationScoped
public class AuditTrail {

  private final AuditEntryRepository entries;
  private final AuditChainer chainer;
  private final AuditVerifier verifier;
  private final Clock clock;

  public AuditTrail(AuditEntryRepository entries, AuditChainer chainer, AuditVerifier verifier) {
    this.entries = entries;
    this.chainer = chainer;
    this.verifier = verifier;
    this.clock = Clock.systemUTC();
  }

  /**
   * Writes the entry in the caller's transaction, unchained: no writer waits for another. The entry
   * is chained shortly after its transaction commits ({@link AuditChainer}).
   */
  @WithTransaction
  public Uni<Void> append(AuditEvent event) {
    AuditEntryEntity entry =
        AuditEntryEntity.unchained(
            AuditChain.storable(clock.instant()),
            event.actor(),
            event.action(),
            event.subjectRef(),
            AuditChain.canonicalDetails(event.details()));
    return entries.persist(entry).invoke(chainer::soon).replaceWithVoid();
  }

  /**
   * The same for callers that hold a pooled connection themselves rather than a Hibernate session:
   * the entries are written in one statement on {@code connection}, in its transaction.
   */
  public Uni<Void> append(SqlConnection connection, List<AuditEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = events.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] actors = new String[n];
    String[] actions = new String[n];
    String[] subjects = new String[n];
    String[] details = new String[n];
    for (int i = 0; i < n; i++) {
      AuditEvent event = events.get(i);
      at[i] = AuditChain.storable(clock.instant()).atOffset(ZoneOffset.UTC);
      actors[i] = event.actor();
      actions[i] = event.action();
      subjects[i] = event.subjectRef();
      details[i] = AuditChain.canonicalDetails(event.details());
    }
    return connection
        .preparedQuery(
            "INSERT INTO audit_entry (occurred_at, actor, action, subject_ref, details)"
                + " SELECT t, a, c, s, d FROM unnest($1::timestamptz[], $2::text[], $3::text[],"
                + " $4::text[], $5::text[]) WITH ORDINALITY AS u(t, a, c, s, d, i) ORDER BY i")
        .execute(Tuple.of(at, actors, actions, subjects, details))
        .invoke(chainer::soon)
        .replaceWithVoid();
  }

  /** Chains every entry committed so far (the verification does this first). */
  public Uni<Integer> chainCommitted() {
    return chainer.chainCommitted();
  }

  /**
   * Chains what has committed, then walks the whole trail up to the head read at the start, through
   * a cursor, and reports the first break ({@link AuditVerifier}), telling {@code progress} where
   * it is as it goes. Callers outside this module start one with {@link AuditVerifications}.
   */
  Uni<AuditVerification> verify(Consumer<AuditVerifier.Progress> progress) {
    return chainer.chainCommitted().chain(() -> verifier.verify(progress));
  }
}

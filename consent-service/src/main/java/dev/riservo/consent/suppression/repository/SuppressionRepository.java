package dev.riservo.consent.suppression.repository;

import dev.riservo.consent.consents.cache.ConsentChanges;
import dev.riservo.consent.dialcheck.service.NumberDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The suppression list: keyed hashes (blind indexes) of numbers never to be called for marketing,
 * with the objection date. Entries survive erasure of the subject; nothing else about them is kept.
 */
@ApplicationScoped
@WithSession
public class SuppressionRepository {

  private final ConsentChanges changes;

  public SuppressionRepository(ConsentChanges changes) {
    this.changes = changes;
  }

  /**
   * Adds the number, keeping the earliest objection date; {@code reason} is OBJECTION or ERASURE.
   */
  public Uni<Integer> suppress(String phoneIndex, Instant objectedAt, String reason) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO suppression (phone_index, objected_at, reason, created_at)"
                            + " VALUES (?1, ?2, ?3, now()) ON CONFLICT (phone_index) DO UPDATE SET"
                            + " objected_at = COALESCE(LEAST(suppression.objected_at,"
                            + " EXCLUDED.objected_at), suppression.objected_at,"
                            + " EXCLUDED.objected_at), reason = CASE WHEN EXCLUDED.reason ="
                            + " 'OBJECTION' THEN 'OBJECTION' ELSE suppression.reason END")
                    .setParameter(1, phoneIndex)
                    .setParameter(2, objectedAt)
                    .setParameter(3, reason)
                    .executeUpdate())
        .call(
            () ->
                changes.number(
                    NumberDirectory.SUPPRESSED
                        + phoneIndex
                        + ":"
                        + (objectedAt == null ? "" : Long.toString(objectedAt.toEpochMilli()))));
  }
}

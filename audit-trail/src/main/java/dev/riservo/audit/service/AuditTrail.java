package dev.riservo.audit.service;

import dev.riservo.audit.domain.AuditChain;
import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.domain.AuditRecord;
import dev.riservo.audit.domain.AuditVerification;
import dev.riservo.audit.domain.ChainVerifier;
import dev.riservo.audit.repository.AuditEntryEntity;
import dev.riservo.audit.repository.AuditEntryRepository;
import dev.riservo.audit.repository.AuditHeadRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The service's audit trail. {@link #append} joins the caller's transaction, so an entry is written
 * if and only if the state change it describes is.
 */
@ApplicationScoped
public class AuditTrail {

  static final int VERIFY_BATCH = 1000;

  private final AuditEntryRepository entries;
  private final AuditHeadRepository heads;
  private final Clock clock;

  public AuditTrail(AuditEntryRepository entries, AuditHeadRepository heads) {
    this.entries = entries;
    this.heads = heads;
    this.clock = Clock.systemUTC();
  }

  @WithTransaction
  public Uni<AuditRecord> append(AuditEvent event) {
    return heads
        .advance()
        .chain(
            head -> {
              Instant at = AuditChain.storable(clock.instant());
              String details = AuditChain.canonicalDetails(event.details());
              AuditRecord unhashed =
                  new AuditRecord(
                      head.seq(),
                      at,
                      event.actor(),
                      event.action(),
                      event.subjectRef(),
                      details,
                      "",
                      "");
              String hash = AuditChain.hash(head.previousHash(), unhashed);
              AuditRecord record =
                  new AuditRecord(
                      head.seq(),
                      at,
                      event.actor(),
                      event.action(),
                      event.subjectRef(),
                      details,
                      head.previousHash(),
                      hash);
              return entries
                  .persist(AuditEntryEntity.of(record))
                  .chain(() -> heads.setHash(hash))
                  .replaceWith(record);
            });
  }

  /**
   * Walks the whole trail up to the head read at the start, in batches, and reports the first
   * break.
   */
  @WithSession
  public Uni<AuditVerification> verify() {
    return heads
        .head()
        .chain(
            head ->
                walk(new ChainVerifier(), 0, head.seq)
                    .map(verifier -> verifier.finish(head.seq, head.hash)));
  }

  private Uni<ChainVerifier> walk(ChainVerifier verifier, long afterSeq, long uptoSeq) {
    return entries
        .batch(afterSeq, uptoSeq, VERIFY_BATCH)
        .chain(
            batch -> {
              for (AuditEntryEntity entry : batch) {
                if (!verifier.accept(entry.toRecord())) {
                  return Uni.createFrom().item(verifier);
                }
              }
              if (batch.size() < VERIFY_BATCH) {
                return Uni.createFrom().item(verifier);
              }
              return walk(verifier, batch.get(batch.size() - 1).seq, uptoSeq);
            });
  }
}

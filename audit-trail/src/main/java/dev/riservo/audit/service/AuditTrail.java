package dev.riservo.audit.service;

import dev.riservo.audit.domain.AuditChain;
import dev.riservo.audit.domain.AuditEvent;
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

/**
 * The service's audit trail. {@link #append} joins the caller's transaction, so an entry is written
 * if and only if the state change it describes is; {@link AuditChainer} links committed entries
 * into the hash chain that {@link #verify} checks.
 */
@ApplicationScoped
public class AuditTrail {

  static final int VERIFY_BATCH = 1000;

  private final AuditEntryRepository entries;
  private final AuditHeadRepository heads;
  private final AuditChainer chainer;
  private final Clock clock;

  public AuditTrail(AuditEntryRepository entries, AuditHeadRepository heads, AuditChainer chainer) {
    this.entries = entries;
    this.heads = heads;
    this.chainer = chainer;
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

  /** Chains every entry committed so far (the verification does this first). */
  public Uni<Integer> chainCommitted() {
    return chainer.chainCommitted();
  }

  /**
   * Chains what has committed, then walks the whole trail up to the head read at the start, in
   * batches, and reports the first break.
   */
  @WithSession
  public Uni<AuditVerification> verify() {
    return chainer
        .chainCommitted()
        .chain(heads::head)
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

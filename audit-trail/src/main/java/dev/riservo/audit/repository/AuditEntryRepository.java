package dev.riservo.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes entries (unchained); the chainer and the verifier read them with plain SQL. */
@ApplicationScoped
@WithSession
public class AuditEntryRepository implements PanacheRepositoryBase<AuditEntryEntity, Long> {}

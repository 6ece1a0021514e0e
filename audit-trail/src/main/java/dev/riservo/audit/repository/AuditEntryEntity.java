package dev.riservo.audit.repository;

import dev.riservo.audit.domain.AuditRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code audit_entry}. Written once, never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {

  @Id public Long seq;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  @Column(nullable = false)
  public String actor;

  @Column(nullable = false)
  public String action;

  @Column(name = "subject_ref")
  public String subjectRef;

  @Column(nullable = false)
  public String details;

  @Column(name = "prev_hash", nullable = false)
  public String prevHash;

  @Column(nullable = false)
  public String hash;

  public static AuditEntryEntity of(AuditRecord record) {
    AuditEntryEntity entity = new AuditEntryEntity();
    entity.seq = record.seq();
    entity.occurredAt = record.occurredAt();
    entity.actor = record.actor();
    entity.action = record.action();
    entity.subjectRef = record.subjectRef();
    entity.details = record.details();
    entity.prevHash = record.prevHash();
    entity.hash = record.hash();
    return entity;
  }

  public AuditRecord toRecord() {
    return new AuditRecord(seq, occurredAt, actor, action, subjectRef, details, prevHash, hash);
  }
}

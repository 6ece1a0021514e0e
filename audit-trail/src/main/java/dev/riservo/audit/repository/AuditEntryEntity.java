package dev.riservo.audit.repository;

import dev.riservo.audit.domain.AuditRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code audit_entry}. Written unchained by the transaction it describes; {@link
 * dev.riservo.audit.service.AuditChainer} sets its place in the chain once, and nothing changes it
 * afterwards.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The place in the chain; null until the entry is chained. */
  public Long seq;

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

  @Column(name = "prev_hash")
  public String prevHash;

  public String hash;

  /** An entry as its transaction writes it: everything but its place in the chain. */
  public static AuditEntryEntity unchained(
      Instant occurredAt, String actor, String action, String subjectRef, String details) {
    AuditEntryEntity entity = new AuditEntryEntity();
    entity.occurredAt = occurredAt;
    entity.actor = actor;
    entity.action = action;
    entity.subjectRef = subjectRef;
    entity.details = details;
    return entity;
  }

  public AuditRecord toRecord() {
    return new AuditRecord(
        seq, occurredAt, actor, action, subjectRef, details, orEmpty(prevHash), orEmpty(hash));
  }

  private static String orEmpty(String hash) {
    return hash == null ? "" : hash;
  }
}

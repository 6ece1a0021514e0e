package dev.riservo.audit.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row of {@code audit_head}: the newest entry's sequence number and hash. */
@Entity
@Table(name = "audit_head")
public class AuditHeadEntity {

  /** The one row's id. */
  public static final short ID = 1;

  @Id public Short id;

  @Column(nullable = false)
  public Long seq;

  @Column(nullable = false)
  public String hash;
}

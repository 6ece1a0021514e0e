package dev.riservo.notice.subjectdata.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;

/**
 * A data subject of notice-service (a person presented a notice): identifiers sealed under the
 * subject's own key, found through blind indexes. Erasure clears them and sets {@code erasedAt}.
 */
@Entity
@Table(name = "subject")
public class SubjectEntity {

  @Id public UUID ref;

  @Column(name = "phone_sealed")
  public String phoneSealed;

  @Column(name = "phone_index")
  public String phoneIndex;

  @Column(name = "email_sealed")
  public String emailSealed;

  @Column(name = "email_index")
  public String emailIndex;

  @Column(name = "customer_id_sealed")
  public String customerIdSealed;

  @Column(name = "customer_id_index")
  public String customerIdIndex;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "erased_at")
  public Instant erasedAt;

  @Column(name = "restricted_at")
  public Instant restrictedAt;

  @Column(name = "restriction_reason")
  public String restrictionReason;

  @Column(name = "statement_sealed")
  public String statementSealed;

  /** True when this transaction registered the subject (its audit entry is still to write). */
  @Transient public boolean registeredNow;

  public boolean erased() {
    return erasedAt != null;
  }

  /** How many identifiers are held (0 after erasure). */
  public int identifierCount() {
    return (phoneSealed == null ? 0 : 1)
        + (emailSealed == null ? 0 : 1)
        + (customerIdSealed == null ? 0 : 1);
  }

  /** Forgets every identifier (erasure); the row stays as a tombstone. */
  public void forgetIdentifiers(Instant at) {
    erasedAt = at;
    phoneSealed = null;
    phoneIndex = null;
    emailSealed = null;
    emailIndex = null;
    customerIdSealed = null;
    customerIdIndex = null;
    statementSealed = null;
    restrictedAt = null;
    restrictionReason = null;
  }
}

package dev.riservo.consent.subjects.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;

/** A data subject: identifiers sealed per subject, found through blind indexes. */
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

  /** Set by erasure: a keyed hash of the phone number was kept on the suppression list. */
  @Column(name = "suppression_kept", nullable = false)
  public boolean suppressionKept;

  /**
   * True when this transaction registered the subject; its audit entry is written last, with the
   * caller's, so the audit trail's head is locked only briefly before commit.
   */
  @Transient public boolean registeredNow;

  public boolean erased() {
    return erasedAt != null;
  }
}

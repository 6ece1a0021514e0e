package dev.riservo.notice.acknowledgements.repository;

import dev.riservo.notice.acknowledgements.domain.Acknowledgement;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One acknowledgement of a staff notice version (V6__staff_acknowledgements.sql, {@code
 * subject_ref} since V7). Written once by {@link AcknowledgementRepository#insertOnce}; never
 * updated (the table's trigger refuses it).
 */
@Entity
@Immutable
@Table(name = "staff_acknowledgement")
public class AcknowledgementEntity {

  @Id public UUID id;

  @Column(name = "notice_id", nullable = false)
  public String noticeId;

  @Column(nullable = false)
  public int version;

  @Column(name = "subject_id", nullable = false)
  public String subjectId;

  @Column(nullable = false)
  public String username;

  @Column(nullable = false)
  public String hash;

  @Column(name = "acknowledged_at", nullable = false)
  public Instant acknowledgedAt;

  /** The member of staff as a data subject (V7); null on rows recorded before. */
  @Column(name = "subject_ref")
  public UUID subjectRef;

  public Acknowledgement toDomain() {
    return new Acknowledgement(noticeId, version, subjectId, username, hash, acknowledgedAt);
  }
}

package dev.riservo.notice.drafts.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A notice version being written: edited freely until published, then frozen (the table's trigger
 * refuses any change or removal once {@code published_version} is set, V3__structured_notices.sql).
 */
@Entity
@Table(name = "notice_draft")
public class DraftEntity {

  @Id public UUID id;

  @Column(name = "notice_id", nullable = false)
  public String noticeId;

  @Column(nullable = false)
  public String language;

  @Column(nullable = false)
  public String title;

  /** The structured content, RFC 8785 canonical JSON. */
  @Column(nullable = false)
  public String content;

  public String body;

  @Column(name = "audio_sha256")
  public String audioSha256;

  @Column(nullable = false)
  public int revision;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  @Column(name = "published_version")
  public Integer publishedVersion;
}

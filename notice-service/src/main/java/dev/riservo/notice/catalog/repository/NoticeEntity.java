package dev.riservo.notice.catalog.repository;

import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.catalog.domain.Channel;
import dev.riservo.notice.catalog.domain.NoticeDefinition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A notice's head row: the newest version number handed out and the notice's definition (set once;
 * the table's trigger refuses any other change, V3__structured_notices.sql).
 */
@Entity
@Table(name = "notice")
public class NoticeEntity {

  @Id
  @Column(name = "notice_id")
  public String noticeId;

  @Column(name = "latest_version", nullable = false)
  public int latestVersion;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Enumerated(EnumType.STRING)
  public Audience audience;

  @Enumerated(EnumType.STRING)
  public Channel channel;

  @Column(name = "fallback_language")
  public String fallbackLanguage;

  @Column(name = "defined_at")
  public Instant definedAt;

  @Column(name = "defined_by")
  public String definedBy;

  public boolean defined() {
    return audience != null;
  }

  public NoticeDefinition toDomain() {
    return new NoticeDefinition(noticeId, audience, channel, fallbackLanguage);
  }
}

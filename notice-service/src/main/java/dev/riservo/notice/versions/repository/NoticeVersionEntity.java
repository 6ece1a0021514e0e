package dev.riservo.notice.versions.repository;

import dev.riservo.notice.versions.domain.NoticeText;
import dev.riservo.notice.versions.domain.NoticeVersion;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One published version of a notice. Hibernate never updates it ({@link Immutable}); the table's
 * triggers refuse any UPDATE, DELETE or TRUNCATE whoever sends it (V2__notice_versions.sql).
 * Versions published from drafts also carry their structured document (V3).
 */
@Entity
@Immutable
@Table(name = "notice_version")
@IdClass(NoticeVersionEntity.Key.class)
public class NoticeVersionEntity {

  @Id
  @Column(name = "notice_id")
  public String noticeId;

  @Id public int version;

  @Column(nullable = false)
  public String language;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String content;

  @Column(name = "content_hash", nullable = false)
  public String contentHash;

  @Column(name = "published_at", nullable = false)
  public Instant publishedAt;

  @Column(name = "published_by", nullable = false)
  public String publishedBy;

  // ---- versions published from drafts (V3__structured_notices.sql); null on older ones ----

  /** The version's structured document, RFC 8785 canonical JSON. */
  public String document;

  @Column(name = "document_hash")
  public String documentHash;

  @Column(name = "hash_alg")
  public String hashAlg;

  @Column(name = "effective_from")
  public Instant effectiveFrom;

  @Column(name = "audio_sha256")
  public String audioSha256;

  @Column(name = "draft_id")
  public UUID draftId;

  /** Published as a material change (rule 10). */
  @Column(nullable = false)
  public boolean material;

  public NoticeVersion toDomain() {
    return new NoticeVersion(
        noticeId,
        version,
        language,
        title,
        contentHash,
        publishedAt,
        publishedBy,
        documentHash,
        effectiveFrom);
  }

  public NoticeText toText() {
    return new NoticeText(toDomain(), content, document, hashAlg, audioSha256);
  }

  /** The primary key: (notice id, version). */
  public static class Key implements Serializable {

    public String noticeId;
    public int version;

    public Key() {}

    public Key(String noticeId, int version) {
      this.noticeId = noticeId;
      this.version = version;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && version == k.version && Objects.equals(noticeId, k.noticeId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(noticeId, version);
    }
  }
}

package dev.riservo.notice.changes.repository;

import dev.riservo.idempotency.NativeStatements;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The rows of notification campaigns, in the caller's Hibernate Reactive session: a campaign, its
 * members (who must be told) and their evidence. A member counts while their subject is neither
 * erased nor restricted (Art. 18: stored, not used).
 */
@ApplicationScoped
public class CampaignRows {

  /** A campaign with its counts over the members who count now. */
  public record CampaignRow(
      UUID id,
      String noticeId,
      int materialVersion,
      Instant openedAt,
      String openedBy,
      long total,
      long notified) {}

  /** One member. */
  public record MemberRow(
      UUID subjectRef,
      int lastVersionHeard,
      Instant lastPresentedAt,
      Instant notifiedAt,
      String channel,
      String messageId) {}

  /** Members who count: their subject is live and not restricted. */
  static final String COUNTING =
      " FROM notification_member m JOIN subject s ON s.ref = m.subject_ref"
          + " WHERE m.campaign_id = $1 AND s.erased_at IS NULL AND s.restricted_at IS NULL";

  private static final String CAMPAIGN =
      "SELECT c.id, c.notice_id, c.material_version, c.opened_at, c.opened_by,"
          + " (SELECT count(*)"
          + COUNTING.replace("$1", "c.id")
          + "), (SELECT count(m.notified_at)"
          + COUNTING.replace("$1", "c.id")
          + ") FROM notification_campaign c";

  private NativeStatements sql() {
    return NativeStatements.ofSession();
  }

  /**
   * Opens the campaign of a material version and takes its members: every live, unrestricted
   * subject presented an earlier version of the notice (any language), with the last version they
   * heard and when. Answers how many.
   */
  public Uni<Integer> open(
      UUID id, String noticeId, int materialVersion, Instant openedAt, String actor) {
    return sql()
        .update(
            "INSERT INTO notification_campaign (id, notice_id, material_version, opened_at,"
                + " opened_by) VALUES ($1, $2, $3, $4, $5)",
            id,
            noticeId,
            materialVersion,
            openedAt,
            actor)
        .chain(
            () ->
                sql()
                    .update(
                        "INSERT INTO notification_member (campaign_id, subject_ref,"
                            + " last_version_heard, last_presented_at)"
                            + " SELECT $1, p.subject_ref, max(p.notice_version),"
                            + " max(p.presented_at) FROM presentation p"
                            + " JOIN subject s ON s.ref = p.subject_ref"
                            + " WHERE p.notice_id = $2 AND p.notice_version < $3"
                            + " AND s.erased_at IS NULL AND s.restricted_at IS NULL"
                            + " GROUP BY p.subject_ref",
                        id,
                        noticeId,
                        materialVersion));
  }

  public Uni<CampaignRow> campaign(UUID id) {
    return sql()
        .rows(CAMPAIGN + " WHERE c.id = $1", id)
        .map(rows -> rows.isEmpty() ? null : campaign(rows.get(0)));
  }

  /** The campaigns of a notice (all notices if null), newest first. */
  public Uni<List<CampaignRow>> campaigns(String noticeId) {
    return (noticeId == null
            ? sql().rows(CAMPAIGN + " ORDER BY c.opened_at DESC LIMIT 1000")
            : sql()
                .rows(
                    CAMPAIGN + " WHERE c.notice_id = $1 ORDER BY c.opened_at DESC LIMIT 1000",
                    noticeId))
        .map(rows -> rows.stream().map(CampaignRows::campaign).toList());
  }

  /** A page of the members who count, in a stable order. */
  public Uni<List<MemberRow>> members(UUID campaign, int page, int size) {
    return sql()
        .rows(
            "SELECT m.subject_ref, m.last_version_heard, m.last_presented_at, m.notified_at,"
                + " m.channel, m.message_id"
                + COUNTING
                + " ORDER BY m.subject_ref LIMIT $2 OFFSET $3",
            campaign,
            size,
            (long) page * size)
        .map(rows -> rows.stream().map(CampaignRows::member).toList());
  }

  /** One member who counts, or null. */
  public Uni<MemberRow> member(UUID campaign, UUID subjectRef) {
    return sql()
        .rows(
            "SELECT m.subject_ref, m.last_version_heard, m.last_presented_at, m.notified_at,"
                + " m.channel, m.message_id"
                + COUNTING
                + " AND m.subject_ref = $2 FOR UPDATE OF m",
            campaign,
            subjectRef)
        .map(rows -> rows.isEmpty() ? null : member(rows.get(0)));
  }

  public Uni<Integer> recordNotification(
      UUID campaign,
      UUID subjectRef,
      String channel,
      String messageId,
      Instant sentAt,
      String actor) {
    return sql()
        .update(
            "UPDATE notification_member SET channel = $3, message_id = $4, notified_at = $5,"
                + " recorded_by = $6 WHERE campaign_id = $1 AND subject_ref = $2",
            campaign,
            subjectRef,
            channel,
            messageId,
            sentAt,
            actor);
  }

  /** The subject's memberships, for the internal data-source contract. */
  public Uni<List<Object[]>> ofSubject(UUID subjectRef) {
    return sql()
        .rows(
            "SELECT c.notice_id, c.material_version, m.last_version_heard, m.notified_at,"
                + " m.channel, m.message_id FROM notification_member m"
                + " JOIN notification_campaign c ON c.id = m.campaign_id"
                + " WHERE m.subject_ref = $1 ORDER BY c.opened_at",
            subjectRef);
  }

  public Uni<Integer> deleteOfSubject(UUID subjectRef) {
    return sql().update("DELETE FROM notification_member WHERE subject_ref = $1", subjectRef);
  }

  private static CampaignRow campaign(Object[] row) {
    return new CampaignRow(
        (UUID) row[0],
        (String) row[1],
        ((Number) row[2]).intValue(),
        instant(row[3]),
        (String) row[4],
        ((Number) row[5]).longValue(),
        ((Number) row[6]).longValue());
  }

  private static MemberRow member(Object[] row) {
    return new MemberRow(
        (UUID) row[0],
        ((Number) row[1]).intValue(),
        instant(row[2]),
        instant(row[3]),
        (String) row[4],
        (String) row[5]);
  }

  /** A timestamp as the driver answers it (the session's types differ from the pool's). */
  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof LocalDateTime local) {
      return local.atZone(ZoneId.systemDefault()).toInstant(); // as the driver read it
    }
    throw new IllegalStateException("not a timestamp: " + value.getClass());
  }
}

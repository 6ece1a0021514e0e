package dev.riservo.notice.changes.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.notice.changes.domain.NotificationEvidence;
import dev.riservo.notice.changes.repository.CampaignRows;
import dev.riservo.notice.changes.repository.CampaignRows.CampaignRow;
import dev.riservo.notice.changes.repository.CampaignRows.MemberRow;
import dev.riservo.notice.config.NoticeConfig;
import dev.riservo.notice.refusal.domain.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rule 10: a version published as a material change opens a notification campaign listing every
 * subject who heard an earlier version of the notice and must be told, unless erased or restricted
 * since; the DPO pages or exports the list and records, subject by subject, how each was told.
 */
@ApplicationScoped
public class NotificationCampaigns {

  /** One page of members and how many count in all. */
  public record MembersPage(long total, int page, int size, List<MemberRow> items) {}

  private final CampaignRows rows;
  private final AuditTrail audit;
  private final NoticeConfig config;
  private final Clock clock = Clock.systemUTC();

  public NotificationCampaigns(CampaignRows rows, AuditTrail audit, NoticeConfig config) {
    this.rows = rows;
    this.audit = audit;
    this.config = config;
  }

  /**
   * Opens the campaign of {@code noticeId@version}, in the caller's (the publication's)
   * transaction; answers its id.
   */
  public Uni<UUID> open(String noticeId, int version, String actor) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return rows.open(id, noticeId, version, now, actor)
        .call(
            members ->
                audit.append(
                    new AuditEvent(
                        actor,
                        "notice.change-campaign-opened",
                        null,
                        Map.of(
                            "campaign", id.toString(),
                            "noticeId", noticeId,
                            "version", Integer.toString(version),
                            "members", Integer.toString(members)))))
        .replaceWith(id);
  }

  @WithSession
  public Uni<CampaignRow> campaign(UUID id) {
    return rows.campaign(id)
        .onItem()
        .ifNull()
        .failWith(() -> Refusal.notFound("The notification campaign"));
  }

  @WithSession
  public Uni<List<CampaignRow>> campaigns(String noticeId) {
    return rows.campaigns(noticeId);
  }

  @WithSession
  public Uni<MembersPage> members(UUID id, int page, int size) {
    return rows.campaign(id)
        .onItem()
        .ifNull()
        .failWith(() -> Refusal.notFound("The notification campaign"))
        .chain(
            campaign ->
                rows.members(id, page, size)
                    .map(items -> new MembersPage(campaign.total(), page, size, items)));
  }

  /**
   * Records how a member was told. The same evidence again is answered as it stands (a retry);
   * other evidence for a member already told is a 409; a subject who is not a member (or no longer
   * counts) is a 404.
   */
  @WithTransaction
  public Uni<MemberRow> notified(
      UUID id, UUID subjectRef, NotificationEvidence evidence, String actor) {
    return rows.campaign(id)
        .onItem()
        .ifNull()
        .failWith(() -> Refusal.notFound("The notification campaign"))
        .invoke(
            campaign ->
                evidence.check(campaign.openedAt(), clock.instant(), config.publish().clockSkew()))
        .chain(() -> rows.member(id, subjectRef))
        .onItem()
        .ifNull()
        .failWith(() -> Refusal.notFound("The member"))
        .chain(member -> record(id, member, evidence, actor));
  }

  private Uni<MemberRow> record(
      UUID id, MemberRow member, NotificationEvidence asSent, String actor) {
    NotificationEvidence evidence =
        new NotificationEvidence(
            asSent.channel(), asSent.messageId(), asSent.sentAt().truncatedTo(ChronoUnit.MICROS));
    if (member.notifiedAt() != null) {
      NotificationEvidence recorded =
          new NotificationEvidence(
              NotificationEvidence.Channel.valueOf(member.channel()),
              member.messageId(),
              member.notifiedAt());
      if (recorded.sameAs(evidence)) {
        return Uni.createFrom().item(member);
      }
      throw Refusal.conflict(
          "already-notified", "This member's notification is recorded already, differently");
    }
    Instant sentAt = evidence.sentAt();
    return rows.recordNotification(
            id, member.subjectRef(), evidence.channel().name(), evidence.messageId(), sentAt, actor)
        .call(
            () ->
                audit.append(
                    new AuditEvent(
                        actor,
                        "notice.subject-notified",
                        member.subjectRef().toString(),
                        Map.of("campaign", id.toString(), "channel", evidence.channel().name()))))
        .replaceWith(
            new MemberRow(
                member.subjectRef(),
                member.lastVersionHeard(),
                member.lastPresentedAt(),
                sentAt,
                evidence.channel().name(),
                evidence.messageId()));
  }
}

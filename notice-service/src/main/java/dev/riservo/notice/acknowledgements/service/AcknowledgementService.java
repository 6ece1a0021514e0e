package dev.riservo.notice.acknowledgements.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.notice.acknowledgements.domain.Acknowledgement;
import dev.riservo.notice.acknowledgements.domain.AcknowledgementRules;
import dev.riservo.notice.acknowledgements.domain.Standing;
import dev.riservo.notice.acknowledgements.repository.AcknowledgementEntity;
import dev.riservo.notice.acknowledgements.repository.AcknowledgementRepository;
import dev.riservo.notice.acknowledgements.service.StaffNotices.StaffNotice;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.roster.domain.StaffMember;
import dev.riservo.notice.roster.service.StaffRoster;
import dev.riservo.notice.versions.domain.NoticeVersion;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Staff acknowledgements of staff notices (rule 10): record one, say what a member of staff still
 * has to acknowledge, and who of the roster has (not) acknowledged a notice's current versions.
 */
@ApplicationScoped
public class AcknowledgementService {

  /** An acknowledgement and whether this request recorded it (false: it was there before). */
  public record Recorded(Acknowledgement acknowledgement, boolean created) {}

  /** A staff notice as one member of staff stands with it. */
  public record MyNotice(
      String noticeId, List<NoticeVersion> current, Acknowledgement acknowledgement) {}

  /** A notice's current versions and the roster's standing with them. */
  public record NoticeStanding(String noticeId, List<NoticeVersion> current, Standing standing) {}

  private final StaffNotices notices;
  private final AcknowledgementRepository acknowledgements;
  private final StaffRoster roster;
  private final StaffSubjects staffSubjects;
  private final AuditTrail audit;
  private final Clock clock = Clock.systemUTC();

  public AcknowledgementService(
      StaffNotices notices,
      AcknowledgementRepository acknowledgements,
      StaffRoster roster,
      StaffSubjects staffSubjects,
      AuditTrail audit) {
    this.notices = notices;
    this.acknowledgements = acknowledgements;
    this.roster = roster;
    this.staffSubjects = staffSubjects;
    this.audit = audit;
  }

  /**
   * {@code who} acknowledges version {@code version} of staff notice {@code noticeId}, having seen
   * {@code hash}. A second acknowledgement of the same version answers the first, and records and
   * audits nothing. A first one makes {@code who} a data subject ({@link StaffSubjects}: their
   * Keycloak user id and {@code email}, null if the token has none) if they are not one yet.
   */
  @WithTransaction
  public Uni<Recorded> acknowledge(
      String noticeId, int version, String hash, StaffMember who, String email) {
    Instant now = clock.instant();
    return notices
        .one(noticeId)
        .map(notice -> AcknowledgementRules.check(notice.versions(), version, hash, now))
        .chain(
            outcome ->
                acknowledgements
                    .find(noticeId, version, who.subjectId())
                    .chain(
                        earlier ->
                            recordUnlessDone(
                                outcome, earlier, noticeId, version, hash, who, email, now)));
  }

  /**
   * A retry after the version was superseded still answers the first acknowledgement: the version,
   * and the hash, must match what was published.
   */
  private Uni<Recorded> recordUnlessDone(
      AcknowledgementRules.Outcome outcome,
      AcknowledgementEntity earlier,
      String noticeId,
      int version,
      String hash,
      StaffMember who,
      String email,
      Instant now) {
    if (earlier != null
        && outcome != AcknowledgementRules.Outcome.UNKNOWN_VERSION
        && outcome != AcknowledgementRules.Outcome.HASH_MISMATCH) {
      return Uni.createFrom().item(new Recorded(earlier.toDomain(), false));
    }
    refuseUnless(outcome);
    Acknowledgement a =
        new Acknowledgement(
            noticeId,
            version,
            who.subjectId(),
            who.username(),
            hash.toLowerCase(Locale.ROOT),
            now.truncatedTo(ChronoUnit.MICROS));
    return staffSubjects.of(who, email).chain(subject -> record(a, subject.ref));
  }

  /** Every staff notice with a version in force, and whether {@code subjectId} acknowledged it. */
  @WithSession
  public Uni<List<MyNotice>> mine(String subjectId) {
    Instant now = clock.instant();
    return notices
        .all()
        .chain(
            all -> acknowledgements.ofSubject(subjectId).map(mine -> standingsOf(all, mine, now)));
  }

  /** Who of the staff roster has acknowledged a current version of the notice, and who has not. */
  @WithSession
  public Uni<NoticeStanding> standing(String noticeId) {
    Instant now = clock.instant();
    return notices
        .one(noticeId)
        .chain(notice -> roster.members().chain(members -> standing(notice, members, now)));
  }

  private Uni<NoticeStanding> standing(StaffNotice notice, List<StaffMember> members, Instant now) {
    List<NoticeVersion> current = AcknowledgementRules.current(notice.versions(), now);
    if (current.isEmpty()) {
      throw Refusal.notFound("A version of the notice in force now");
    }
    return acknowledgements
        .ofVersions(notice.noticeId(), current.stream().map(NoticeVersion::version).toList())
        .map(
            list ->
                new NoticeStanding(
                    notice.noticeId(),
                    current,
                    Standing.of(
                        members, list.stream().map(AcknowledgementEntity::toDomain).toList())));
  }

  private static List<MyNotice> standingsOf(
      List<StaffNotice> all, List<AcknowledgementEntity> mine, Instant now) {
    return all.stream()
        .map(
            notice -> {
              List<NoticeVersion> current = AcknowledgementRules.current(notice.versions(), now);
              Acknowledgement done =
                  mine.stream()
                      .map(AcknowledgementEntity::toDomain)
                      .filter(a -> a.noticeId().equals(notice.noticeId()))
                      .filter(a -> current.stream().anyMatch(v -> v.version() == a.version()))
                      .findFirst()
                      .orElse(null);
              return new MyNotice(notice.noticeId(), current, done);
            })
        .filter(n -> !n.current().isEmpty())
        .toList();
  }

  private static void refuseUnless(AcknowledgementRules.Outcome outcome) {
    switch (outcome) {
      case ACCEPTED -> {}
      case UNKNOWN_VERSION ->
          throw Refusal.breaksARule(
              "unknown-notice-version", "versionId", "is not a published version of the notice");
      case HASH_MISMATCH ->
          throw Refusal.breaksARule(
              "notice-hash-mismatch",
              "hash",
              "is not the document or content hash of that version: what was shown is not what"
                  + " was published");
      case NOT_IN_FORCE ->
          throw Refusal.breaksARule(
              "version-not-in-force",
              "versionId",
              "is not the version in force now (scheduled, or superseded): acknowledge the"
                  + " current one");
    }
  }

  private Uni<Recorded> record(Acknowledgement a, UUID subjectRef) {
    return acknowledgements
        .insertOnce(a, subjectRef)
        .chain(
            inserted ->
                inserted == 1
                    ? audit.append(audited(a)).replaceWith(new Recorded(a, true))
                    : acknowledgements
                        .find(a.noticeId(), a.version(), a.subjectId())
                        .map(first -> new Recorded(first.toDomain(), false)));
  }

  /** The audit entry: the subject id only, never the username. */
  private static AuditEvent audited(Acknowledgement a) {
    return new AuditEvent(
        a.subjectId(),
        "notice.staff-acknowledged",
        "staff:" + a.subjectId(),
        Map.of(
            "noticeId", a.noticeId(),
            "version", Integer.toString(a.version()),
            "versionId", a.versionId().toString(),
            "hash", a.hash()));
  }
}

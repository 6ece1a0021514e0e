package dev.riservo.notice.presentations.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.notice.catalog.repository.NoticeEntity;
import dev.riservo.notice.catalog.repository.NoticeRepository;
import dev.riservo.notice.presentations.config.PresentationConfig;
import dev.riservo.notice.presentations.domain.DeliveryMode;
import dev.riservo.notice.presentations.domain.Presentation;
import dev.riservo.notice.presentations.domain.PresentationRules;
import dev.riservo.notice.presentations.repository.PresentationEntity;
import dev.riservo.notice.presentations.repository.PresentationRepository;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.subjectdata.repository.SubjectEntity;
import dev.riservo.notice.subjectdata.service.SubjectIdentifiers;
import dev.riservo.notice.subjectdata.service.SubjectService;
import dev.riservo.notice.versions.domain.NoticeVersion;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.notice.versions.repository.NoticeVersionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Presentations: a published notice version, in force at the instant and with a matching hash,
 * recorded as presented to a subject (found by blind index or registered with sealed identifiers),
 * and audited by subject reference. Reads for the DPO by identifiers.
 */
@ApplicationScoped
public class PresentationService {

  /** A presentation as asked for (identifiers in clear: never log it). */
  public record Request(
      SubjectIdentifiers subject,
      String noticeVersionId,
      String noticeHash,
      String language,
      DeliveryMode deliveryMode,
      Instant presentedAt,
      String agentId,
      String recordingId,
      Long recordingOffsetMs) {}

  /** Who records it: the principal's name, and whether they are an agent (else a service). */
  public record Caller(String name, boolean agent) {}

  /** The presentations a subject heard (none, with a null subject, if nobody is found). */
  public record Heard(UUID subjectRef, List<Presentation> presentations) {}

  private final PresentationRepository presentations;
  private final NoticeRepository notices;
  private final NoticeVersionRepository versions;
  private final SubjectService subjects;
  private final AuditTrail audit;
  private final PresentationConfig config;
  private final Clock clock = Clock.systemUTC();

  public PresentationService(
      PresentationRepository presentations,
      NoticeRepository notices,
      NoticeVersionRepository versions,
      SubjectService subjects,
      AuditTrail audit,
      PresentationConfig config) {
    this.presentations = presentations;
    this.notices = notices;
    this.versions = versions;
    this.subjects = subjects;
    this.audit = audit;
    this.config = config;
  }

  /** Records a presentation; every rule checked before anything is written. */
  @WithTransaction
  public Uni<Presentation> present(Request request, Caller caller) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant at =
        PresentationRules.presentedAt(
            request.presentedAt(), now, config.clockSkew(), config.maxAge());
    String agent =
        PresentationRules.agent(
            caller.agent(), caller.name(), request.agentId(), request.deliveryMode());
    NoticeVersionId id =
        NoticeVersionId.parse(request.noticeVersionId())
            .orElseThrow(() -> Refusal.invalid("notice.id", "must be {noticeId}@{version}"));
    return checkedVersion(id, request, at)
        .chain(
            kind ->
                subjects
                    .findOrCreate(request.subject(), "subject")
                    .chain(subject -> store(subject, request, kind, at, now, agent, caller)));
  }

  /** The version checked against the rules: which of its hashes the presenter sent. */
  private Uni<PresentationRules.HashKind> checkedVersion(
      NoticeVersionId id, Request request, Instant at) {
    return notices
        .findById(id.noticeId())
        .chain(
            notice ->
                versions
                    .history(id.noticeId())
                    .map(
                        all -> {
                          NoticeVersion version = PresentationRules.version(all, id.toString());
                          PresentationRules.forSubjects(audience(notice));
                          PresentationRules.HashKind kind =
                              PresentationRules.hashKind(version, request.noticeHash());
                          PresentationRules.language(version, request.language());
                          PresentationRules.inForce(all, version, at);
                          return kind;
                        }));
  }

  private static Optional<dev.riservo.notice.catalog.domain.Audience> audience(NoticeEntity n) {
    return n == null || !n.defined() ? Optional.empty() : Optional.of(n.toDomain().audience());
  }

  private Uni<Presentation> store(
      SubjectEntity subject,
      Request request,
      PresentationRules.HashKind kind,
      Instant at,
      Instant now,
      String agent,
      Caller caller) {
    Presentation presentation =
        new Presentation(
            UUID.randomUUID(),
            subject.ref,
            request.noticeVersionId(),
            request.noticeHash(),
            kind,
            request.language(),
            request.deliveryMode(),
            at,
            now,
            caller.name(),
            agent,
            request.recordingId(),
            request.recordingOffsetMs());
    return presentations
        .persist(PresentationEntity.of(presentation))
        .call(() -> subjects.auditRegistration(subject, caller.name()))
        .call(() -> audit.append(recorded(presentation)))
        .replaceWith(presentation);
  }

  /** The audit entry: the subject by reference, what was presented and how; no personal data. */
  private static AuditEvent recorded(Presentation p) {
    return new AuditEvent(
        p.recordedBy(),
        "presentation.recorded",
        p.subjectRef().toString(),
        Map.of(
            "presentationId", p.id().toString(),
            "noticeVersionId", p.noticeVersionId(),
            "hashKind", p.hashKind().name(),
            "language", p.language(),
            "deliveryMode", p.deliveryMode().name(),
            "presentedAt", p.presentedAt().toString()));
  }

  /** One presentation; 404 if none (or its subject was erased). */
  @WithSession
  public Uni<Presentation> get(UUID id) {
    return presentations
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> Refusal.notFound("The presentation"))
        .map(PresentationEntity::toDomain);
  }

  /** Which versions the person the identifiers name heard, when and how; audited if found. */
  @WithTransaction
  public Uni<Heard> heardBy(SubjectIdentifiers ids, String caller) {
    return subjects
        .findOrNull(ids, "identifiers")
        .chain(
            subject ->
                subject == null
                    ? Uni.createFrom().item(new Heard(null, List.of()))
                    : presentations
                        .ofSubject(subject.ref)
                        .map(
                            list ->
                                new Heard(
                                    subject.ref,
                                    list.stream().map(PresentationEntity::toDomain).toList()))
                        .call(
                            heard ->
                                audit.append(
                                    new AuditEvent(
                                        caller,
                                        "presentations.searched",
                                        subject.ref.toString(),
                                        Map.of(
                                            "found",
                                            Integer.toString(heard.presentations().size()))))));
  }
}

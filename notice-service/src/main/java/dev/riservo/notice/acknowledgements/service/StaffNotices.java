package dev.riservo.notice.acknowledgements.service;

import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.catalog.repository.NoticeEntity;
import dev.riservo.notice.catalog.repository.NoticeRepository;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.versions.domain.NoticeVersion;
import dev.riservo.notice.versions.repository.NoticeVersionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads {@code STAFF} notices with their published versions (through the catalog's and versions'
 * repositories, read only), for callers that hold a session.
 */
@ApplicationScoped
public class StaffNotices {

  /** A staff notice and every published version of it, newest first. */
  public record StaffNotice(String noticeId, List<NoticeVersion> versions) {}

  private final NoticeRepository notices;
  private final NoticeVersionRepository versions;

  public StaffNotices(NoticeRepository notices, NoticeVersionRepository versions) {
    this.notices = notices;
    this.versions = versions;
  }

  /** The staff notice; 404 if there is no such notice, 422 if it is not addressed to staff. */
  public Uni<StaffNotice> one(String noticeId) {
    return notices
        .findById(noticeId)
        .chain(
            notice -> {
              if (notice == null) {
                throw Refusal.notFound("The notice");
              }
              if (notice.audience != Audience.STAFF) {
                throw Refusal.breaksARule(
                    "not-a-staff-notice",
                    "noticeId",
                    "names a notice whose audience is not STAFF: only staff notices are"
                        + " acknowledged by staff");
              }
              return withVersions(notice);
            });
  }

  /** The staff policy's versions, or none if it is not defined as a staff notice. */
  public Uni<List<NoticeVersion>> versionsIfStaff(String noticeId) {
    return notices
        .findById(noticeId)
        .chain(
            notice ->
                notice == null || notice.audience != Audience.STAFF
                    ? Uni.createFrom().item(List.<NoticeVersion>of())
                    : versions.history(noticeId));
  }

  /** Every staff notice, by key, one after the other on the caller's session. */
  public Uni<List<StaffNotice>> all() {
    return notices
        .list("audience = ?1 order by noticeId", Audience.STAFF)
        .chain(
            list ->
                Multi.createFrom()
                    .iterable(list)
                    .onItem()
                    .transformToUniAndConcatenate(this::withVersions)
                    .collect()
                    .asList());
  }

  private Uni<StaffNotice> withVersions(NoticeEntity notice) {
    return versions.history(notice.noticeId).map(list -> new StaffNotice(notice.noticeId, list));
  }
}

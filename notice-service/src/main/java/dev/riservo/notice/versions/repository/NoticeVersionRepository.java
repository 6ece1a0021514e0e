package dev.riservo.notice.versions.repository;

import dev.riservo.notice.versions.domain.NoticeVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class NoticeVersionRepository
    implements PanacheRepositoryBase<NoticeVersionEntity, NoticeVersionEntity.Key> {

  /**
   * Hands out the notice's next version number (1 for a new notice) and holds the notice's head row
   * locked until the caller's transaction ends: a concurrent publish of the same notice waits here,
   * then gets the number after this one. Must run inside a transaction.
   */
  public Uni<Integer> nextVersion(String noticeId) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "WITH head AS (INSERT INTO notice (notice_id, latest_version, created_at)"
                            + " VALUES (?1, 1, now()) ON CONFLICT (notice_id) DO UPDATE"
                            + " SET latest_version = notice.latest_version + 1"
                            + " RETURNING latest_version) SELECT latest_version FROM head",
                        Integer.class)
                    .setParameter(1, noticeId)
                    .getSingleResult());
  }

  public Uni<NoticeVersionEntity> version(String noticeId, int version) {
    return findById(new NoticeVersionEntity.Key(noticeId, version));
  }

  public Uni<NoticeVersionEntity> latest(String noticeId) {
    return find("noticeId", Sort.descending("version"), noticeId).firstResult();
  }

  /**
   * The instant the latest version of the notice in that language takes (or took) effect; null if
   * there is none.
   */
  public Uni<java.time.Instant> latestInForceFrom(String noticeId, String language) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "SELECT max(coalesce(effective_from, published_at)) FROM notice_version"
                            + " WHERE notice_id = ?1 AND language = ?2",
                        java.time.Instant.class)
                    .setParameter(1, noticeId)
                    .setParameter(2, language)
                    .getSingleResultOrNull());
  }

  /** Every version of the notice, newest first, without the texts (never loaded). */
  public Uni<List<NoticeVersion>> history(String noticeId) {
    return find("noticeId", Sort.descending("version"), noticeId)
        .project(NoticeVersion.class)
        .list();
  }
}

package dev.riservo.notice.drafts.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** The {@code notice_draft} table. */
@ApplicationScoped
@WithSession
public class DraftRepository implements PanacheRepositoryBase<DraftEntity, UUID> {

  /** The draft of that notice, locked until the transaction ends; null if there is none. */
  public Uni<DraftEntity> locked(String noticeId, UUID id) {
    return findById(id, LockModeType.PESSIMISTIC_WRITE)
        .map(d -> d != null && d.noticeId.equals(noticeId) ? d : null);
  }

  public Uni<DraftEntity> of(String noticeId, UUID id) {
    return findById(id).map(d -> d != null && d.noticeId.equals(noticeId) ? d : null);
  }

  /** The notice's drafts, oldest first, published ones included (at most 500). */
  public Uni<List<DraftEntity>> ofNotice(String noticeId) {
    return find("noticeId", Sort.ascending("createdAt", "id"), noticeId).range(0, 499).list();
  }
}

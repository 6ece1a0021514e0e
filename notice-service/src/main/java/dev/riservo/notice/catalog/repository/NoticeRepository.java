package dev.riservo.notice.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** The {@code notice} table's definitions. */
@ApplicationScoped
@WithSession
public class NoticeRepository implements PanacheRepositoryBase<NoticeEntity, String> {

  /** The notice's row, locked until the transaction ends (null if there is none). */
  public Uni<NoticeEntity> locked(String noticeId) {
    return findById(noticeId, LockModeType.PESSIMISTIC_WRITE);
  }
}

package dev.riservo.consent.inbound.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class InboundCallRepository implements PanacheRepositoryBase<InboundCallEntity, UUID> {

  /** Erasure: the calls keep no link to the caller's number; answers how many were unlinked. */
  public Uni<Long> forgetCaller(String phoneIndex) {
    if (phoneIndex == null) {
      return Uni.createFrom().item(0L);
    }
    return update("callerIndex = null where callerIndex = ?1", phoneIndex).map(Integer::longValue);
  }
}

package dev.riservo.consent.inbound.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class InboundCallRepository implements PanacheRepositoryBase<InboundCallEntity, UUID> {

  /** Access: the calls received from the number (when, on which caller id, whether objected). */
  public Uni<java.util.List<java.util.Map<String, Object>>> ofCaller(String phoneIndex) {
    if (phoneIndex == null) {
      return Uni.createFrom().item(java.util.List.of());
    }
    return list("callerIndex = ?1 order by receivedAt", phoneIndex)
        .map(
            calls ->
                calls.stream()
                    .map(
                        c -> {
                          java.util.Map<String, Object> call = new java.util.LinkedHashMap<>();
                          call.put("receivedAt", c.receivedAt.toString());
                          call.put("calledNumber", c.cli);
                          call.put("objected", c.objectionId != null);
                          return call;
                        })
                    .toList());
  }

  /** Erasure: the caller's calls are deleted (their objection lives on as suppression). */
  public Uni<Long> deleteOfCaller(String phoneIndex) {
    if (phoneIndex == null) {
      return Uni.createFrom().item(0L);
    }
    return delete("callerIndex = ?1", phoneIndex);
  }
}

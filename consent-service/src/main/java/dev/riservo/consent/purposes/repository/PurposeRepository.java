package dev.riservo.consent.purposes.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class PurposeRepository implements PanacheRepositoryBase<PurposeEntity, String> {

  public Uni<List<PurposeEntity>> listAll(boolean includeRetired) {
    return includeRetired ? listAll(Sort.by("code")) : list("retiredAt is null", Sort.by("code"));
  }

  /** True if any consent event names the purpose: then it can only be retired. */
  public Uni<Boolean> inUse(String code) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "SELECT EXISTS (SELECT 1 FROM consent_event WHERE purpose_code = ?1)",
                        Boolean.class)
                    .setParameter(1, code)
                    .getSingleResult());
  }
}

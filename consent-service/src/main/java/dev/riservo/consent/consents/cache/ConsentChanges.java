package dev.riservo.consent.consents.cache;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Announces, inside the writing transaction, that a subject's consent state changed. */
@ApplicationScoped
public class ConsentChanges {

  public Uni<Void> subject(UUID subjectRef) {
    return announce(subjectRef.toString()); // a UUID's text: safe to put in the statement
  }

  public Uni<Void> purposes() {
    return announce(SubjectSnapshots.PURPOSES);
  }

  /**
   * NOTIFY as an update statement: Hibernate keeps no result mapping for it (a native SELECT would
   * add one to its interpretation cache on every call).
   */
  private Uni<Void> announce(String payload) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("NOTIFY " + SubjectSnapshots.CHANNEL + ", '" + payload + "'")
                    .executeUpdate())
        .replaceWithVoid();
  }
}

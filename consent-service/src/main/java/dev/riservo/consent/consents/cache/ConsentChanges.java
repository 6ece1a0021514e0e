package dev.riservo.consent.consents.cache;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Announces, inside the writing transaction, that a subject's consent state changed. */
@ApplicationScoped
public class ConsentChanges {

  public Uni<Void> subject(UUID subjectRef) {
    return announce(subjectRef.toString());
  }

  /** A change to the number directory of the dial check ({@code NumberDirectory}'s payloads). */
  public Uni<Void> number(String payload) {
    return announce(payload);
  }

  public Uni<Void> purposes() {
    return announce(SubjectSnapshots.PURPOSES);
  }

  /**
   * pg_notify run as an update statement, one constant statement with the payload as a parameter:
   * prepared once per connection, and Hibernate keeps no result mapping for it.
   */
  private Uni<Void> announce(String payload) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("SELECT pg_notify('" + SubjectSnapshots.CHANNEL + "', ?1)")
                    .setParameter(1, payload)
                    .executeUpdate())
        .replaceWithVoid();
  }
}

package dev.riservo.consent.consents.service;

import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * A seller's name in a consent's provenance can name a person (a sole trader who sold the list): it
 * is stored only sealed under the subject's key (issue 14, item 6), sealed once the receipt is
 * signed, and opened only to be shown.
 */
@ApplicationScoped
public class SealedProvenance {

  /** The field name the seller is sealed under (bound into the ciphertext). */
  public static final String SELLER_FIELD = "consent.provenance-seller";

  private final ReactiveFieldEncryption encryption;

  public SealedProvenance(ReactiveFieldEncryption encryption) {
    this.encryption = encryption;
  }

  /** Replaces the event's clear seller (if any) with its sealed form, before it is written. */
  public Uni<Void> seal(ConsentEventEntity event) {
    if (event.provenanceSeller == null) {
      return Uni.createFrom().voidItem();
    }
    return encryption
        .encrypt(event.subjectRef.toString(), SELLER_FIELD, event.provenanceSeller)
        .invoke(ciphertext -> event.provenanceSeller = ciphertext)
        .replaceWithVoid();
  }

  /** The records as the API shows them, each seller opened (one after another). */
  public Uni<List<ConsentRecordView>> views(List<ConsentEventEntity> history) {
    List<ConsentRecordView> views = new ArrayList<>(history.size());
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ConsentEventEntity event : history) {
      chain =
          chain
              .chain(() -> seller(event))
              .invoke(seller -> views.add(ConsentRecordView.of(event, seller)))
              .replaceWithVoid();
    }
    return chain.replaceWith(views);
  }

  private Uni<String> seller(ConsentEventEntity event) {
    return event.provenanceSeller == null
        ? Uni.createFrom().nullItem()
        : encryption.decrypt(event.subjectRef.toString(), SELLER_FIELD, event.provenanceSeller);
  }
}

package dev.riservo.encryption.quarkus;

import dev.riservo.encryption.FieldEncryption;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link FieldEncryption} for reactive code: a warm call runs in place (no key-store round trip); a
 * cold one, which blocks on the key store, moves to a worker thread, never the event loop.
 */
@ApplicationScoped
public class ReactiveFieldEncryption {

  private final FieldEncryption encryption;

  public ReactiveFieldEncryption(FieldEncryption encryption) {
    this.encryption = encryption;
  }

  /** The blocking facade, for blind indexes (never blocking after start-up) and worker threads. */
  public FieldEncryption blocking() {
    return encryption;
  }

  public Uni<String> encrypt(String subjectRef, String field, String plaintext) {
    return run(
        encryption.isWarm(subjectRef), () -> encryption.encrypt(subjectRef, field, plaintext));
  }

  /** The data key of a subject just created, made on a worker and kept warm. */
  public Uni<Void> registerNewSubject(String subjectRef) {
    return run(
        encryption.isWarm(subjectRef),
        () -> {
          encryption.registerNewSubject(subjectRef);
          return null;
        });
  }

  public Uni<String> decrypt(String subjectRef, String field, String stored) {
    return run(encryption.isWarmFor(stored), () -> encryption.decrypt(subjectRef, field, stored));
  }

  /** Crypto-shredding; always on a worker (it writes the shred ledger, then the key store). */
  public Uni<Boolean> shred(String subjectRef) {
    return run(false, () -> encryption.shred(subjectRef));
  }

  /**
   * Subjects whose live data key was created in [{@code from}, {@code to}), for a sweep of keys
   * whose subject was never committed; on a worker.
   */
  public Uni<List<String>> subjectsWithKeysCreatedBetween(Instant from, Instant to) {
    return run(false, () -> encryption.subjectsWithKeysCreatedBetween(from, to));
  }

  /** Deletes the key of a subject that was never committed; on a worker. */
  public Uni<Boolean> discardUnusedKey(String subjectRef) {
    return run(false, () -> encryption.discardUnusedKey(subjectRef));
  }

  /**
   * A compact JWS by the key store's signing key: in place with the local store, on a worker with
   * Vault (it signs over the network).
   */
  public Uni<String> sign(String payloadJson, String type) {
    return run(encryption.signsInProcess(), () -> encryption.sign(payloadJson, type));
  }

  /** The JWKS document of the receipt-signing keys; on a worker (it reads the key store). */
  public Uni<String> jwks() {
    return run(false, encryption::jwks);
  }

  /**
   * Runs {@code call} in place when warm; otherwise on a worker, then continues on the caller's
   * Vert.x context, so a Hibernate Reactive session chained after it stays on its own thread.
   */
  private static <T> Uni<T> run(boolean warm, Supplier<T> call) {
    Uni<T> uni = Uni.createFrom().item(call);
    if (warm) {
      return uni;
    }
    return Uni.createFrom()
        .deferred(
            () -> {
              Context context = Vertx.currentContext();
              Uni<T> offloaded = uni.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
              return context == null
                  ? offloaded
                  : offloaded.emitOn(command -> context.runOnContext(ignored -> command.run()));
            });
  }
}

package dev.riservo.consent.consents.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.consent.dialcheck.service.NumberDirectory;
import dev.riservo.consent.notifications.PgListeners;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The read side of consent state: each subject's events and objections, cached so that a state read
 * makes no database round trip. Every write names its subject on the PostgreSQL channel {@value
 * #CHANNEL} inside its transaction; every replica (this one included) evicts on notification, and
 * the writing replica also evicts right after commit, so a withdrawal is never served stale. A load
 * that raced a write is not cached (write generation check).
 */
@ApplicationScoped
public class SubjectSnapshots {

  public static final String CHANNEL = "riservo_consent_changed";

  /** Payload that evicts the purposes' categories. */
  public static final String PURPOSES = "purposes";

  /** What the state derivation needs of one subject. */
  public record Snapshot(List<ConsentEventEntity> history, List<Instant> objections) {}

  private final Cache<UUID, Snapshot> snapshots =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(10)).build();
  private final AtomicLong writes = new AtomicLong();
  private final NumberDirectory directory;

  public SubjectSnapshots(NumberDirectory directory) {
    this.directory = directory;
  }

  private volatile Set<String> directMarketing;
  private volatile long directMarketingLoadedAt;

  /** Only while every change is heard may anything be cached. */
  private volatile boolean listening;

  public Snapshot get(UUID subjectRef) {
    return snapshots.getIfPresent(subjectRef);
  }

  /** Write generation to read before loading; {@link #put} refuses if a write came since. */
  public long generation() {
    return writes.get();
  }

  public void put(UUID subjectRef, Snapshot snapshot, long generation) {
    if (listening && writes.get() == generation) {
      snapshots.put(subjectRef, snapshot);
    }
  }

  public void evict(UUID subjectRef) {
    writes.incrementAndGet();
    snapshots.invalidate(subjectRef);
  }

  public Set<String> directMarketing() {
    return System.nanoTime() - directMarketingLoadedAt < Duration.ofSeconds(30).toNanos()
        ? directMarketing
        : null;
  }

  public void putDirectMarketing(Set<String> codes, long generation) {
    if (listening && writes.get() == generation) {
      directMarketing = Set.copyOf(codes);
      directMarketingLoadedAt = System.nanoTime();
    }
  }

  public void evictPurposes() {
    writes.incrementAndGet();
    purposeWrites.incrementAndGet();
    directMarketing = null;
    purposes.clear();
  }

  /**
   * Purposes by code, for the recording path: a purpose changes rarely, and every change (a
   * retirement above all) is announced inside its transaction, so a cached purpose is never older
   * than the notification of its change.
   */
  private final Map<String, PurposeEntity> purposes = new ConcurrentHashMap<>();

  private final AtomicLong purposeWrites = new AtomicLong();

  /** The cached purpose, or null. */
  public PurposeEntity purpose(String code) {
    return purposes.get(code);
  }

  /** Generation of the purposes to read before loading one; see {@link #putPurpose}. */
  public long purposeGeneration() {
    return purposeWrites.get();
  }

  /** Caches a loaded purpose, unless a change was announced since the load began. */
  public void putPurpose(PurposeEntity purpose, long generation) {
    if (listening && purposeWrites.get() == generation && purposes.size() < 10_000) {
      purposes.put(purpose.code, purpose);
    }
  }

  /**
   * Applies one change: heard as a notification (every replica), or taken from the writing request
   * once it committed (that replica, at once). Applying a change twice is harmless.
   */
  public void apply(String payload) {
    if (PURPOSES.equals(payload)) {
      evictPurposes();
    } else if (directory.apply(payload)) {
      // a number's subject or suppression changed: applied to the directory
    } else {
      try {
        evict(UUID.fromString(payload));
      } catch (IllegalArgumentException ignored) {
        Log.warn("ignored a malformed consent-change notification");
      }
    }
  }

  void listen(@Observes StartupEvent start, PgListeners listeners) {
    listeners.listen(
        CHANNEL,
        "consent-change",
        this::apply,
        () -> {
          listening = true;
          // (re)connected: notifications may have been missed, so the directory is read again
          directory.reloadAll();
        },
        () -> {
          listening = false;
          evictPurposes();
          snapshots.invalidateAll();
        });
  }
}

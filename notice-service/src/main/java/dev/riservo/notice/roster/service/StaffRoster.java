package dev.riservo.notice.roster.service;

import dev.riservo.notice.roster.config.RosterConfig;
import dev.riservo.notice.roster.domain.RosterUnavailable;
import dev.riservo.notice.roster.domain.StaffMember;
import dev.riservo.notice.roster.domain.StaffRule;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The staff roster: enabled users with a staff role ({@link StaffRule}), read through {@link
 * GuardedRosterReader} and kept for {@code riservo.notice.roster.cache-for}. Concurrent callers
 * share one read; a failed read is not kept (the next caller tries again, or meets the open
 * circuit) and is answered as {@link RosterUnavailable}.
 */
@ApplicationScoped
public class StaffRoster {

  private record Snapshot(List<StaffMember> members, Instant readAt) {}

  private final GuardedRosterReader reader;
  private final RosterConfig config;
  private final Clock clock = Clock.systemUTC();
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
  private final AtomicReference<Uni<Snapshot>> reading = new AtomicReference<>();

  public StaffRoster(GuardedRosterReader reader, RosterConfig config) {
    this.reader = reader;
    this.config = config;
  }

  /** Every member of staff, ordered by username. */
  public Uni<List<StaffMember>> members() {
    Snapshot known = snapshot.get();
    if (known != null && clock.instant().isBefore(known.readAt().plus(config.cacheFor()))) {
      return Uni.createFrom().item(known.members());
    }
    Context caller = Vertx.currentContext();
    Uni<List<StaffMember>> members = shared().map(Snapshot::members);
    // the read may end on a worker thread or on another request's context: go back to the
    // caller's, where its database session lives
    return caller == null
        ? members
        : members.emitOn(task -> caller.runOnContext(ignored -> task.run()));
  }

  /** Forget the roster read last: the next caller reads it again. */
  public void forget() {
    snapshot.set(null);
  }

  private Uni<Snapshot> shared() {
    Uni<Snapshot> fresh = read().memoize().indefinitely();
    Uni<Snapshot> running = reading.compareAndExchange(null, fresh);
    return running != null ? running : fresh.eventually(() -> reading.set(null));
  }

  private Uni<Snapshot> read() {
    return Uni.createFrom()
        .deferred(reader::read)
        .map(
            accounts ->
                new Snapshot(StaffRule.roster(accounts, config.staffRoles()), clock.instant()))
        .invoke(snapshot::set)
        .onFailure()
        .transform(
            failure -> {
              Log.warnf("staff roster unavailable: %s", failure.getClass().getSimpleName());
              return new RosterUnavailable(failure);
            });
  }
}

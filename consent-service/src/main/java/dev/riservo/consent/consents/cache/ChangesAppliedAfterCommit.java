package dev.riservo.consent.consents.cache;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The writing replica applies its own changes (cache evictions, number directory, suppression) as
 * soon as its answer is ready, which is after the transaction committed: an objection or an erasure
 * is in force on this replica for the very next request, not a notification's round trip later.
 * Other replicas apply the same changes when they hear the notification; the changes that only
 * permit more are broadcast to them from here ({@link ChangeBroadcast}).
 */
public class ChangesAppliedAfterCommit {

  private final SubjectSnapshots snapshots;
  private final ChangeBroadcast broadcast;

  public ChangesAppliedAfterCommit(SubjectSnapshots snapshots, ChangeBroadcast broadcast) {
    this.snapshots = snapshots;
    this.broadcast = broadcast;
  }

  @ServerResponseFilter
  public void apply(ContainerResponseContext response) {
    var announced = ConsentChanges.takeAnnounced();
    var toBroadcast = ConsentChanges.takeBroadcast();
    if (response.getStatus() < 300) {
      announced.forEach(snapshots::apply);
      broadcast.send(toBroadcast);
    }
  }
}

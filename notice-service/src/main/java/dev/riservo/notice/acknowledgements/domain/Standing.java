package dev.riservo.notice.acknowledgements.domain;

import dev.riservo.notice.roster.domain.StaffMember;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who of the staff roster has acknowledged a notice's current versions and who has not. Counts are
 * over the roster: an acknowledgement by someone no longer on it (disabled, role removed) counts
 * nowhere. Both lists keep the roster's order (by username). Plain Java.
 */
public record Standing(List<Entry> done, List<Entry> missing) {

  /** A member of staff and, when done, their acknowledgement of a current version. */
  public record Entry(StaffMember member, Acknowledgement acknowledgement) {}

  public Standing {
    done = List.copyOf(done);
    missing = List.copyOf(missing);
  }

  /**
   * @param acknowledgements of the notice's current versions (any number per person: the earliest
   *     counts)
   */
  public static Standing of(
      List<StaffMember> roster, Collection<Acknowledgement> acknowledgements) {
    Map<String, Acknowledgement> first = new HashMap<>();
    for (Acknowledgement a : acknowledgements) {
      first.merge(
          a.subjectId(), a, (x, y) -> x.acknowledgedAt().isAfter(y.acknowledgedAt()) ? y : x);
    }
    List<Entry> done = new ArrayList<>();
    List<Entry> missing = new ArrayList<>();
    for (StaffMember member : roster) {
      Acknowledgement a = first.get(member.subjectId());
      if (a == null) {
        missing.add(new Entry(member, null));
      } else {
        done.add(new Entry(member, a));
      }
    }
    return new Standing(done, missing);
  }

  public int total() {
    return done.size() + missing.size();
  }
}

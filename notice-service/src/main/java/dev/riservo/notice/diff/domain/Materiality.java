package dev.riservo.notice.diff.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A hint, not a decision (the DPO decides): a change to purposes, legal bases, recipients,
 * transfers, retention or sources is probably material, since people who heard the older version
 * were told something that no longer holds about who gets their data, why, or for how long.
 */
public final class Materiality {

  /** Whether the change is probably material, and which material aspects changed. */
  public record Hint(boolean probablyMaterial, List<String> materialChanges) {}

  private Materiality() {}

  /**
   * @param paths the JSON Pointers (RFC 6901) the patch between the two documents touches
   */
  public static Hint of(Collection<String> paths) {
    Set<String> material = new TreeSet<>();
    for (String path : paths) {
      material.addAll(aspects(path));
    }
    return new Hint(!material.isEmpty(), List.copyOf(material));
  }

  private static Set<String> aspects(String path) {
    if (path.equals("") || path.equals("/content")) {
      // the whole structured content appeared, went or was replaced: everything may have changed
      return Set.of("purposes", "legalBases", "retention", "recipients", "transfers", "sources");
    }
    if (path.startsWith("/content/purposes")) {
      if (path.contains("/legalBasis") || path.contains("/legitimateInterest")) {
        return Set.of("legalBases");
      }
      if (path.contains("/retention")) {
        return Set.of("retention");
      }
      boolean wholePurpose = path.matches("^/content/purposes(/\\d+|/-)?$");
      return wholePurpose
          ? Set.of("purposes", "legalBases", "retention")
          : path.contains("/description") || path.contains("/id") ? Set.of("purposes") : Set.of();
    }
    for (String section : List.of("recipients", "transfers", "sources")) {
      if (path.startsWith("/content/" + section)) {
        return Set.of(section);
      }
    }
    return Set.of();
  }
}

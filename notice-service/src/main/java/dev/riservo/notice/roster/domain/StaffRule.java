package dev.riservo.notice.roster.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Who is staff (DESIGN.md rule 10, "who has not acknowledged the current one is visible"): an
 * enabled account holding at least one of the staff roles ({@code agent}, {@code supervisor},
 * {@code dpo}, {@code admin} by default). Disabled accounts (people who left) are skipped; accounts
 * with no Riservo role, or only {@code service} (machine identities), are not staff. Plain Java.
 */
public final class StaffRule {

  private StaffRule() {}

  public static boolean isStaff(StaffAccount account, Set<String> staffRoles) {
    return account.enabled()
        && account.subjectId() != null
        && account.username() != null
        && account.roles().stream().anyMatch(staffRoles::contains);
  }

  /** The staff among {@code accounts}, ordered by username (a stable order to page through). */
  public static List<StaffMember> roster(List<StaffAccount> accounts, Set<String> staffRoles) {
    return accounts.stream()
        .filter(a -> isStaff(a, staffRoles))
        .map(a -> new StaffMember(a.subjectId(), a.username()))
        .distinct()
        .sorted(Comparator.comparing(StaffMember::username).thenComparing(StaffMember::subjectId))
        .toList();
  }
}

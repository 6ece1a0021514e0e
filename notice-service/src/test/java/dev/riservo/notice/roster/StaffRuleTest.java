package dev.riservo.notice.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.notice.roster.domain.StaffAccount;
import dev.riservo.notice.roster.domain.StaffMember;
import dev.riservo.notice.roster.domain.StaffRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 10: who is staff, and so must acknowledge staff notices. */
class StaffRuleTest {

  private static final Set<String> STAFF = Set.of("agent", "supervisor", "dpo", "admin");

  @Test
  @DisplayName("rule 10: an enabled user with any staff role is staff")
  void anyStaffRoleMakesStaff() {
    for (String role : STAFF) {
      assertTrue(
          StaffRule.isStaff(
              new StaffAccount("id", "u", true, Set.of(role, "offline_access")), STAFF),
          role);
    }
  }

  @Test
  @DisplayName("rule 10: disabled users are skipped, whatever their roles")
  void disabledUsersAreNotStaff() {
    assertFalse(StaffRule.isStaff(new StaffAccount("id", "u", false, Set.of("agent")), STAFF));
  }

  @Test
  @DisplayName("rule 10: no Riservo role, or only service (a machine), is not staff")
  void noStaffRoleIsNotStaff() {
    assertFalse(StaffRule.isStaff(new StaffAccount("id", "u", true, Set.of()), STAFF));
    assertFalse(
        StaffRule.isStaff(new StaffAccount("id", "u", true, Set.of("default-roles")), STAFF));
    assertFalse(StaffRule.isStaff(new StaffAccount("id", "u", true, Set.of("service")), STAFF));
  }

  @Test
  void theRosterIsOrderedByUsernameWithoutDuplicates() {
    List<StaffMember> roster =
        StaffRule.roster(
            List.of(
                new StaffAccount("2", "zoe", true, Set.of("agent")),
                new StaffAccount("1", "ada", true, Set.of("dpo")),
                new StaffAccount("1", "ada", true, Set.of("dpo")),
                new StaffAccount("3", "bob", false, Set.of("agent")),
                new StaffAccount("4", "svc", true, Set.of("service"))),
            STAFF);
    assertEquals(List.of(new StaffMember("1", "ada"), new StaffMember("2", "zoe")), roster);
  }
}

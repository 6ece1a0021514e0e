package dev.riservo.notice.roster.service;

import dev.riservo.notice.roster.domain.StaffAccount;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where user accounts come from: Keycloak's admin API in production ({@code
 * roster.keycloak.KeycloakRosterSource}), a fake in {@code @QuarkusTest}. One call reads every
 * account (paged inside); a failure is any exception.
 */
public interface RosterSource {

  Uni<List<StaffAccount>> accounts();
}

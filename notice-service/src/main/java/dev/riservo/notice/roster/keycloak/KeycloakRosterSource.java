package dev.riservo.notice.roster.keycloak;

import dev.riservo.notice.roster.config.RosterConfig;
import dev.riservo.notice.roster.domain.StaffAccount;
import dev.riservo.notice.roster.service.RosterSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The roster from Keycloak's admin API, as the {@code notice-roster} client's service account,
 * which holds one role: {@code realm-management/view-users}. That role may list users ({@code GET
 * /admin/realms/{realm}/users?first=&max=}, paged) and read each one's effective realm roles
 * ({@code .../users/{id}/role-mappings/realm/composite}); it may not list a role's members (that
 * needs {@code view-realm}), so roles are read per enabled user. Disabled users are skipped before
 * their roles are read. The admin client is blocking: the read runs on a worker thread.
 */
@ApplicationScoped
public class KeycloakRosterSource implements RosterSource {

  private final Keycloak keycloak;
  private final RosterConfig config;

  public KeycloakRosterSource(Keycloak keycloak, RosterConfig config) {
    this.keycloak = keycloak;
    this.config = config;
  }

  @Override
  public Uni<List<StaffAccount>> accounts() {
    return Uni.createFrom()
        .item(this::readAll)
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private List<StaffAccount> readAll() {
    RealmResource realm = keycloak.realm(config.realm());
    List<StaffAccount> accounts = new ArrayList<>();
    int size = config.pageSize();
    for (int first = 0; first < config.maxUsers(); first += size) {
      List<UserRepresentation> page = realm.users().list(first, size);
      for (UserRepresentation user : page) {
        accounts.add(account(realm, user));
      }
      if (page.size() < size) {
        break;
      }
    }
    return accounts;
  }

  private static StaffAccount account(RealmResource realm, UserRepresentation user) {
    boolean enabled = Boolean.TRUE.equals(user.isEnabled());
    if (!enabled || user.getServiceAccountClientId() != null) {
      // not staff whatever its roles: a person who left, or a machine; no need to read them
      return new StaffAccount(user.getId(), user.getUsername(), enabled, Set.of());
    }
    Set<String> roles =
        realm.users().get(user.getId()).roles().realmLevel().listEffective().stream()
            .map(RoleRepresentation::getName)
            .collect(Collectors.toSet());
    return new StaffAccount(user.getId(), user.getUsername(), true, roles);
  }
}

package dev.riservo.notice.roster;

import dev.riservo.notice.roster.domain.StaffAccount;
import dev.riservo.notice.roster.service.RosterSource;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The roster in {@code @QuarkusTest}: Keycloak's admin API does not run there, so this stands in
 * for {@code KeycloakRosterSource} (the real one is proven by system-tests' StaffRosterIT). Tests
 * add accounts, make it fail, and count its reads; the caching and fault tolerance above it are the
 * real ones.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeRosterSource implements RosterSource {

  private static final List<StaffAccount> ACCOUNTS = new CopyOnWriteArrayList<>();
  private static final AtomicBoolean DOWN = new AtomicBoolean();
  private static final AtomicInteger READS = new AtomicInteger();

  /** An enabled account whose subject id is TestTokens' ("sub-" + username). */
  public static StaffAccount account(String username, String... roles) {
    return new StaffAccount("sub-" + username, username, true, Set.of(roles));
  }

  public static void add(StaffAccount account) {
    ACCOUNTS.add(account);
  }

  public static void down(boolean down) {
    DOWN.set(down);
  }

  public static int reads() {
    return READS.get();
  }

  @Override
  public Uni<List<StaffAccount>> accounts() {
    READS.incrementAndGet();
    if (DOWN.get()) {
      return Uni.createFrom().failure(new java.net.ConnectException("Keycloak is down (fake)"));
    }
    return Uni.createFrom().item(List.copyOf(ACCOUNTS));
  }
}

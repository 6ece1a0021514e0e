package dev.riservo.notice.roster.domain;

import java.util.Set;

/**
 * A user account as the identity provider reports it: its stable id (the tokens' {@code sub}), its
 * username, whether it is enabled, and its effective realm roles. Nothing else about the person is
 * read.
 */
public record StaffAccount(String subjectId, String username, boolean enabled, Set<String> roles) {

  public StaffAccount {
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }
}

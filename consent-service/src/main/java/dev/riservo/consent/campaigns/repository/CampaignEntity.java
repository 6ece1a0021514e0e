package dev.riservo.consent.campaigns.repository;

import dev.riservo.consent.dialcheck.domain.CliPolicy.CallKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A campaign row. Its calling hours are JSON: day of week to "09:00-13:00,14:00-20:00". */
@Entity
@Table(name = "campaign")
public class CampaignEntity {

  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  @Column(name = "purpose_code", nullable = false)
  public String purposeCode;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public CallKind kind;

  /** The caller id exactly as the supervisor typed it: digits and separators only. */
  @Column(nullable = false)
  public String cli;

  /** The caller id in E.164, for matching the calls that reach it back. */
  @Column(name = "cli_e164", nullable = false)
  public String cliE164;

  @Column(nullable = false)
  public boolean automated;

  @Column(nullable = false)
  public String operator;

  @Column(name = "calling_hours", nullable = false)
  public String callingHours;

  @Column(name = "cap_calls", nullable = false)
  public int capCalls;

  @Column(name = "cap_period", nullable = false)
  public String capPeriod;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}

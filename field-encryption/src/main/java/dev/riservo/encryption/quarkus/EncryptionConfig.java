package dev.riservo.encryption.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of field encryption in a service ({@code riservo.encryption.*}). The key database
 * is the named datasource {@code keys} ({@code quarkus.datasource.keys.*}), apart from the
 * service's own database.
 */
@ConfigMapping(prefix = "riservo.encryption")
public interface EncryptionConfig {

  enum Backend {
    /** Keys wrapped by a master key from configuration; the embedded default. */
    LOCAL,
    /** Keys generated and wrapped by HashiCorp Vault's transit engine. */
    VAULT
  }

  /** Which key store: {@code local} (default) or {@code vault}. */
  @WithDefault("local")
  Backend backend();

  /** Region of phone numbers written without a country code (ISO 3166-1 alpha-2). */
  @WithDefault("IT")
  String defaultPhoneRegion();

  Cache cache();

  Local local();

  Vault vault();

  ShredLedger shredLedger();

  ShredVacuum shredVacuum();

  interface ShredLedger {

    /**
     * Keep a ledger of erased subjects in the service's own database (table {@code shred_ledger},
     * Flyway location {@code db/shred-ledger}) and replay it at start-up, so that a key database
     * restored from an older backup is shredded again before readiness is UP. On by default: the
     * service must then have the datasource below, or start-up fails saying so.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The JDBC datasource of the service's own database that holds the ledger: {@code <default>}
     * (the default datasource, {@code quarkus.datasource.jdbc.url}) or a named one. Never the key
     * database.
     */
    @WithDefault("<default>")
    String datasource();
  }

  interface ShredVacuum {

    /**
     * How long after a key is destroyed (shredded or discarded) the key table is rewritten ({@code
     * VACUUM FULL}), which takes the destroyed key off the key database's disk; one rewrite serves
     * every key destroyed meanwhile.
     */
    @WithDefault("PT1M")
    Duration delay();
  }

  interface Cache {

    /** Most unwrapped data keys kept in memory (each of the two caches). */
    @WithDefault("100000")
    long maxKeys();

    /** How long an unwrapped key stays in memory. */
    @WithDefault("PT10M")
    Duration ttl();
  }

  interface Local {

    /**
     * Master keys by version, each the base64 of 32 random bytes ({@code openssl rand -base64 32});
     * version 1 comes from {@code RISERVO_MASTER_KEY}.
     */
    Map<Integer, String> masterKeys();

    /** The master key version that wraps new keys; older versions still unwrap. */
    @WithDefault("1")
    int masterKeyVersion();
  }

  interface Vault {

    /** Vault's address, e.g. {@code https://vault.example:8200} ({@code RISERVO_VAULT_ADDR}). */
    Optional<URI> address();

    /** A token whose policy allows the transit paths ({@code RISERVO_VAULT_TOKEN}). */
    Optional<String> token();

    /** Mount path of the transit engine. */
    @WithDefault("transit")
    String transitMount();

    /** Transit key that wraps data and index keys. */
    @WithDefault("riservo-data")
    String wrappingKey();

    /** Transit key (ecdsa-p256) that signs receipts. */
    @WithDefault("riservo-receipts")
    String signingKey();

    /** Timeout of each Vault request. */
    @WithDefault("PT5S")
    Duration timeout();
  }
}

-- The key database of the local and vault key stores. It lives apart from every service database, so
-- a backup of a service database never holds a key. Keys are stored wrapped (encrypted) under the
-- wrapping key: the master key from configuration (local) or Vault's transit key (vault).

-- One data key per data subject. Shredding sets wrapped to NULL and keeps the row as a tombstone, so
-- a shredded subject is reported as such and never gets a new key.
CREATE TABLE data_key (
    key_id       UUID        PRIMARY KEY,
    subject_ref  TEXT        NOT NULL UNIQUE,
    version      INTEGER     NOT NULL,
    wrapped      BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    shredded_at  TIMESTAMPTZ,
    CONSTRAINT shredded_keys_hold_nothing CHECK ((wrapped IS NULL) = (shredded_at IS NOT NULL))
);

-- Versions of the blind-index key; the newest one indexes new values.
CREATE TABLE index_key (
    version     INTEGER     PRIMARY KEY,
    wrapped     BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Receipt signing keys of the local key store (ES256). Retired keys stay published for verification.
CREATE TABLE signing_key (
    kid              TEXT        PRIMARY KEY,
    public_jwk       TEXT        NOT NULL,
    private_wrapped  BYTEA       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at       TIMESTAMPTZ
);

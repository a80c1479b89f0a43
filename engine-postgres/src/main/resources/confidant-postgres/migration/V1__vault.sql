-- The PII vault (PostgresVault). Ids are HMAC-SHA256 names under the vault keyring (32 bytes): nothing here names a
-- space, a principal or a thread. Values are AES-256-GCM sealed, bound to their conversation and placeholder.

-- One row per owner (principal) and space: the lock every change of the owner's conversations takes first, and
-- the live entry total its limit is checked against.
CREATE TABLE confidant_vault_owner (
  owner_id bytea  PRIMARY KEY,
  space_id bytea  NOT NULL,
  total    bigint NOT NULL DEFAULT 0 CHECK (total >= 0)
);
CREATE INDEX confidant_vault_owner_space ON confidant_vault_owner (space_id);

-- One row per conversation (space + owner + thread), under the names of the key in key_id; all its entries are
-- sealed with that key.
CREATE TABLE confidant_vault_thread (
  thread_id bytea   PRIMARY KEY,
  owner_id  bytea   NOT NULL,
  space_id  bytea   NOT NULL,
  key_id    text    NOT NULL,
  written   bigint  NOT NULL,  -- epoch milliseconds of the last merge that added an entry (the expiry clock)
  entries   integer NOT NULL CHECK (entries >= 0)
);
CREATE INDEX confidant_vault_thread_owner ON confidant_vault_thread (owner_id);
CREATE INDEX confidant_vault_thread_space ON confidant_vault_thread (space_id);
CREATE INDEX confidant_vault_thread_written ON confidant_vault_thread (written);

-- One row per placeholder: the primary key makes the first writer win (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE confidant_vault_entry (
  thread_id   bytea NOT NULL REFERENCES confidant_vault_thread (thread_id) ON DELETE CASCADE,
  placeholder text  NOT NULL,
  value       bytea NOT NULL,
  PRIMARY KEY (thread_id, placeholder)
);

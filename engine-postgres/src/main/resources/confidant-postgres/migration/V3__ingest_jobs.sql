-- Durable ingestion jobs (PostgresIngestQueue): documents waiting for ingestion, shared by every node, and their
-- outcomes until the node that accepted them has read them.

-- One row per space that ever had ingestion work: the lease that lets one node at a time work on the space's
-- documents (fairness: one batch per space in progress in the whole cluster), and when it was last served (spaces
-- are served least recently first). Bounded by the number of spaces.
CREATE TABLE confidant_ingest_space (
  space_id    text        PRIMARY KEY,
  served_at   timestamptz,
  lease_owner text,
  lease_until timestamptz
);

-- One row per document of a job. state: HELD (offered, its pending status not yet written), QUEUED (may be leased),
-- INDEXED or FAILED (done; content dropped, kept an hour for the accepting node to read the outcome). id orders the
-- documents of a space; attempts counts how often it was leased.
CREATE TABLE confidant_ingest_document (
  id            bigserial   PRIMARY KEY,
  space_id      text        NOT NULL REFERENCES confidant_ingest_space (space_id),
  collection_id text        NOT NULL,
  source_id     text        NOT NULL,
  title         text        NOT NULL,
  file_name     text        NOT NULL,
  format        text,
  content       bytea,
  bytes         bigint      NOT NULL,
  state         text        NOT NULL CHECK (state IN ('HELD', 'QUEUED', 'INDEXED', 'FAILED')),
  held_until    timestamptz,
  attempts      integer     NOT NULL DEFAULT 0,
  chunks        integer     NOT NULL DEFAULT 0,
  reason        text,
  finished_at   timestamptz
);
CREATE INDEX confidant_ingest_document_waiting ON confidant_ingest_document (space_id, id)
  WHERE state IN ('HELD', 'QUEUED');
CREATE INDEX confidant_ingest_document_finished ON confidant_ingest_document (finished_at)
  WHERE finished_at IS NOT NULL;

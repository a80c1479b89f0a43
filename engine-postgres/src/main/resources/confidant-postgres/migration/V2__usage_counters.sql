-- Request and token counters of the server's rate limits and budgets (PostgresCounters), shared by every node.
-- Keys are the server's own (principal:<name>:requests, space:<id>:budget, ...), bounded by the configured principals
-- and spaces; period is the window number (epoch second / window length). At most two periods per key are kept:
-- adding to a new period deletes the key's periods before the previous one.
CREATE TABLE confidant_usage_counter (
  key    text   NOT NULL,
  period bigint NOT NULL,
  value  bigint NOT NULL,
  PRIMARY KEY (key, period)
);

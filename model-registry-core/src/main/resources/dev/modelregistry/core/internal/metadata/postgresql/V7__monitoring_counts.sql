-- Schema version 7, as step 7 of the embedded database (Migrations.java): each registry process's last copy
-- of its in-memory monitoring counters, replaced about every second while it serves, so that every host
-- sharing the database can add them up (Monitoring.aggregate). Host ids compare byte by byte, as on SQLite.
CREATE TABLE monitoring_host (
  host_id   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  taken_at  BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX monitoring_host_taken ON monitoring_host (taken_at);
CREATE TABLE monitoring_count (
  host_id         TEXT COLLATE "C" NOT NULL REFERENCES monitoring_host(host_id),
  deployment_id   BIGINT NOT NULL REFERENCES deployment(id),
  environment     TEXT   NOT NULL,
  version_id      BIGINT NOT NULL REFERENCES version(id),
  requests        BIGINT NOT NULL,
  errors          BIGINT NOT NULL,
  latency_buckets TEXT   NOT NULL,
  PRIMARY KEY (host_id, deployment_id)
);
CREATE INDEX monitoring_count_environment ON monitoring_count (environment, host_id);

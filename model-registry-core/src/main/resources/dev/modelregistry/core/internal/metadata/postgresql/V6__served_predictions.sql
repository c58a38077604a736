-- Schema version 6, as step 6 of the embedded database (Migrations.java): predictions an endpoint served
-- with a request id, kept until their outcome is recorded and then for live accuracy, bounded by the
-- retention policy. Request ids compare byte by byte, as on SQLite.
CREATE TABLE served_prediction (
  request_id    TEXT COLLATE "C" NOT NULL,
  deployment_id BIGINT  NOT NULL REFERENCES deployment(id),
  version_id    BIGINT  NOT NULL REFERENCES version(id),
  environment   TEXT    NOT NULL,
  role          TEXT    NOT NULL,
  routing_key   TEXT,
  predicted     DOUBLE PRECISION,
  served_at     BIGINT  NOT NULL,
  actual        DOUBLE PRECISION,
  outcome_at    BIGINT,
  PRIMARY KEY (request_id, deployment_id)
);
CREATE INDEX served_prediction_served ON served_prediction (served_at);
CREATE INDEX served_prediction_version_outcomes ON served_prediction (environment, version_id, served_at)
  WHERE actual IS NOT NULL;
CREATE INDEX served_prediction_deployment_outcomes ON served_prediction (deployment_id, served_at)
  WHERE actual IS NOT NULL;

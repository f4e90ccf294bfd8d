-- WeChat push claims while Redis is away: the dedup step falls back to this table, so a retry delivered to another
-- instance during a Redis outage still finds the first delivery's claim and reply. Rows live minutes.
CREATE TABLE push_claim (
    dedup_key   CHAR(64)      NOT NULL PRIMARY KEY COMMENT 'SHA-256 (hex) of InboundMessage.DedupKey',
    reply       MEDIUMTEXT    NULL COMMENT 'StoredReply form; NULL while the first delivery works',
    claimed_at  DATETIME(3)   NOT NULL COMMENT 'UTC',
    expires_at  DATETIME(3)   NOT NULL COMMENT 'UTC',
    KEY ix_push_claim_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- `keys rotate` walks every table that holds personal data under Fund:EncryptionKey / Fund:BlindIndexKey, a batch
-- per transaction. One row per pass: the keys it moves values to, and where it is, so an interrupted run continues.
CREATE TABLE data_key_rotation (
    id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    encryption_key_id   VARCHAR(32)   NOT NULL,
    blind_index_key_id  VARCHAR(32)   NOT NULL,
    started_by          VARCHAR(100)  NOT NULL,
    started_at          DATETIME(3)   NOT NULL,
    finished_at         DATETIME(3)   NULL,
    table_name          VARCHAR(64)   NULL COMMENT 'the table the cursor is in; NULL before the first batch',
    last_key            VARCHAR(200)  NULL COMMENT 'the last row done in that table: its key columns as a JSON array',
    rows_seen           BIGINT        NOT NULL DEFAULT 0,
    values_changed      BIGINT        NOT NULL DEFAULT 0,
    unreadable          BIGINT        NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

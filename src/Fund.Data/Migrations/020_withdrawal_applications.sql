-- Online withdrawal (提取): materials, the citizen's bank card, uploaded documents, and the application itself,
-- which is a row of the existing `withdrawal` table so 提取记录 shows it from the moment it is submitted.

-- 提取材料: the facts of one withdrawal type (dates, destination country …) as the citizen entered them.
CREATE TABLE withdrawal_material (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    grzh        CHAR(12)      NOT NULL,
    type        TINYINT       NOT NULL COMMENT '1 终止劳动关系 2 出境定居 3 离退休',
    facts       JSON          NOT NULL CHECK (JSON_VALID(facts)),
    created_at  DATETIME      NOT NULL COMMENT 'UTC',
    KEY ix_material_account (grzh, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The card a withdrawal is paid to; its holder is always the account holder. Number as AES-GCM ciphertext,
-- an HMAC blind index, and the last four digits for masked display.
CREATE TABLE bank_card (
    grzh        CHAR(12)       NOT NULL PRIMARY KEY,
    bank_name   VARCHAR(50)    NOT NULL,
    card_enc    VARBINARY(96)  NOT NULL,
    card_idx    BINARY(32)     NOT NULL,
    card_last4  CHAR(4)        NOT NULL,
    created_at  DATETIME       NOT NULL COMMENT 'UTC'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files live outside the web root under stored_name; only this row knows whose they are.
CREATE TABLE withdrawal_document (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    grzh            CHAR(12)      NOT NULL COMMENT 'owner',
    material_id     BIGINT        NOT NULL,
    kind            TINYINT       NOT NULL COMMENT '1 身份证人像面 2 国徽面 3 解除劳动关系证明 4 户口注销证明 5 退休证',
    stored_name     VARCHAR(40)   NOT NULL COMMENT 'random; never the uploaded file name (not CHAR(36): MySqlConnector reads that as a Guid)',
    sha256          BINARY(32)    NOT NULL,
    content_type    VARCHAR(40)   NOT NULL,
    size_bytes      INT           NOT NULL,
    uploaded_at     DATETIME      NOT NULL COMMENT 'UTC',
    UNIQUE KEY ux_document_stored_name (stored_name),
    KEY ix_document_material (material_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- open_grzh is the account while an application is submitted or approved and NULL after, so the unique key
-- allows one open application per account and any number of finished ones. RTRIM because MariaDB refuses a bare
-- CHAR column there: its value would depend on sql_mode PAD_CHAR_TO_FULL_LENGTH.
ALTER TABLE withdrawal
    ADD COLUMN material_id      BIGINT         NULL,
    ADD COLUMN idempotency_key  CHAR(32)       NULL COMMENT 'from the submit form: a retry or double tap finds the first',
    ADD COLUMN bank_name        VARCHAR(50)    NULL,
    ADD COLUMN card_enc         VARBINARY(96)  NULL,
    ADD COLUMN card_last4       CHAR(4)        NULL,
    ADD COLUMN decided_by       VARCHAR(32)    NULL,
    ADD COLUMN paid_at          DATETIME       NULL,
    ADD COLUMN open_grzh        CHAR(12) AS (IF(status IN (1, 2), RTRIM(grzh), NULL)) PERSISTENT,
    ADD UNIQUE KEY ux_withdrawal_idempotency (idempotency_key),
    ADD UNIQUE KEY ux_withdrawal_open (open_grzh),
    ADD KEY ix_withdrawal_queue (status, submitted_at);

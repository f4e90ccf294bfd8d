-- 缴存证明 and 明细账 certificates issued online (issue 18). The verification token is never stored: only its random
-- seed, which is worthless without the key that signs it (Fund.Data.Security.CertificateTokens). What the
-- certificate printed is kept as AES-GCM ciphertext of its JSON (name and masked ID number are personal data).
CREATE TABLE IF NOT EXISTS certificate (
    id           BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    serial       CHAR(18)       NOT NULL COMMENT 'ZM + yyyyMMdd + 8 random digits; printed, looked up at the counter',
    token_seed   BINARY(16)     NOT NULL COMMENT 'random half of the verification token',
    grzh         CHAR(12)       NOT NULL,
    kind         TINYINT        NOT NULL COMMENT '1 缴存证明, 2 明细账',
    purpose      TINYINT        NOT NULL COMMENT '1 贷款, 2 租房, 3 其他',
    facts        MEDIUMBLOB     NOT NULL COMMENT 'AES-GCM of the printed facts (JSON)',
    issued_at    DATETIME(3)    NOT NULL COMMENT 'UTC',
    valid_until  DATETIME(3)    NOT NULL COMMENT 'UTC',
    revoked_at   DATETIME(3)    NULL COMMENT 'UTC',
    UNIQUE KEY ux_certificate_serial (serial),
    UNIQUE KEY ux_certificate_seed (token_seed),
    KEY ix_certificate_account (grzh, issued_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

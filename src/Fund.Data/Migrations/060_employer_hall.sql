-- The employer web hall (单位网厅): operators, their certificates from the centre's own CA, 清册 and remittances.

-- 缴至年月 of the employer as a whole, and the year of its last 基数调整 (once a year).
ALTER TABLE employer
    ADD COLUMN paid_up_to          DATE  NULL COMMENT '单位缴至年月 (first day of the month)',
    ADD COLUMN base_adjusted_year  INT   NULL;

-- 专管员. The ID number is AES-GCM ciphertext with an HMAC blind index, as citizens' are.
CREATE TABLE employer_operator (
    id             BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    dwzh           CHAR(12)       NOT NULL,
    name           VARCHAR(50)    NOT NULL,
    id_number_enc  VARBINARY(96)  NOT NULL,
    id_number_idx  BINARY(32)     NOT NULL,
    password_hash  VARCHAR(200)   NOT NULL,
    active         TINYINT(1)     NOT NULL DEFAULT 1,
    created_at     DATETIME       NOT NULL COMMENT 'UTC',
    UNIQUE KEY ux_operator_person (dwzh, id_number_idx),
    CONSTRAINT fk_operator_employer FOREIGN KEY (dwzh) REFERENCES employer (dwzh)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The centre's CA (one row) and the hall's TLS server certificate: certificates in PEM, private keys as encrypted
-- PKCS#8 (the passphrase is configuration, never in the database).
CREATE TABLE certificate_authority (
    name          VARCHAR(16)    NOT NULL PRIMARY KEY COMMENT 'ca | server',
    cert_pem      TEXT           NOT NULL,
    key_enc_pem   TEXT           NOT NULL,
    created_at    DATETIME       NOT NULL COMMENT 'UTC'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An operator certificate: its serial belongs to one operator of one employer; revocation is honoured at once.
CREATE TABLE operator_certificate (
    serial       VARCHAR(40)   NOT NULL PRIMARY KEY COMMENT 'hex, upper case',
    operator_id  BIGINT        NOT NULL,
    dwzh         CHAR(12)      NOT NULL,
    thumbprint   CHAR(64)      NOT NULL COMMENT 'SHA-256 of the DER',
    not_after    DATETIME      NOT NULL COMMENT 'UTC',
    issued_at    DATETIME      NOT NULL COMMENT 'UTC',
    issued_by    VARCHAR(64)   NOT NULL,
    revoked_at   DATETIME      NULL,
    KEY ix_certificate_operator (operator_id),
    CONSTRAINT fk_certificate_operator FOREIGN KEY (operator_id) REFERENCES employer_operator (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A 清册 and the employer's business history: draft → posted. Remittances are businesses too.
CREATE TABLE employer_business (
    id            BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    dwzh          CHAR(12)       NOT NULL,
    kind          VARCHAR(16)    NOT NULL COMMENT 'open seal unseal base transfer remit phone',
    status        TINYINT        NOT NULL COMMENT '1 草稿 2 已提交',
    row_count     INT            NOT NULL DEFAULT 0,
    amount        DECIMAL(18,2)  NULL COMMENT 'remittance total',
    month         DATE           NULL COMMENT 'remittance month',
    operator_id   BIGINT         NOT NULL,
    cert_serial   VARCHAR(40)    NULL,
    created_at    DATETIME       NOT NULL COMMENT 'UTC',
    posted_at     DATETIME       NULL COMMENT 'UTC',
    summary       VARCHAR(200)   NOT NULL DEFAULT '',
    KEY ix_business_employer (dwzh, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Draft rows of a 清册. A row holds ID numbers and phones, so it is stored as AES-GCM ciphertext of its JSON.
CREATE TABLE employer_business_row (
    business_id  BIGINT          NOT NULL,
    row_no       INT             NOT NULL,
    row_enc      VARBINARY(1024) NOT NULL,
    PRIMARY KEY (business_id, row_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A month is remitted once per employer: the UNIQUE key is what makes concurrent confirms post once.
CREATE TABLE remittance (
    dwzh         CHAR(12)       NOT NULL,
    month        DATE           NOT NULL,
    business_id  BIGINT         NOT NULL,
    headcount    INT            NOT NULL,
    total        DECIMAL(18,2)  NOT NULL,
    posted_at    DATETIME       NOT NULL COMMENT 'UTC',
    PRIMARY KEY (dwzh, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 个人账号 for accounts the hall opens: 41151 and seven digits from this counter.
CREATE TABLE account_number (
    id  BIGINT  NOT NULL AUTO_INCREMENT PRIMARY KEY
) ENGINE=InnoDB;

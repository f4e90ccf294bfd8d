-- The provident fund's records. Money is DECIMAL(18,2); rates are fractions (0.1200 = 12%).
-- ID numbers and phones are AES-GCM ciphertext (*_enc) with an HMAC blind index (*_idx) for look-ups.

CREATE TABLE employer (
    dwzh           CHAR(12)      NOT NULL PRIMARY KEY COMMENT '单位账号',
    name           VARCHAR(100)  NOT NULL,
    credit_code    CHAR(18)      NOT NULL COMMENT '统一社会信用代码',
    status         CHAR(2)       NOT NULL DEFAULT '01',
    employer_rate  DECIMAL(6,4)  NOT NULL,
    personal_rate  DECIMAL(6,4)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE personal_account (
    grzh              CHAR(12)       NOT NULL PRIMARY KEY COMMENT '个人账号',
    name              VARCHAR(50)    NOT NULL,
    id_number_enc     VARBINARY(96)  NOT NULL,
    id_number_idx     BINARY(32)     NOT NULL,
    phone_enc         VARBINARY(96)  NOT NULL,
    phone_idx         BINARY(32)     NOT NULL,
    dwzh              CHAR(12)       NOT NULL,
    status            CHAR(2)        NOT NULL DEFAULT '01' COMMENT '01 正常 02 封存 05 提取销户 06 冻结',
    contribution_base DECIMAL(18,2)  NOT NULL COMMENT '缴存基数',
    personal_rate     DECIMAL(6,4)   NOT NULL,
    employer_rate     DECIMAL(6,4)   NOT NULL,
    personal_monthly  DECIMAL(18,2)  NOT NULL,
    employer_monthly  DECIMAL(18,2)  NOT NULL,
    balance           DECIMAL(18,2)  NOT NULL DEFAULT 0,
    paid_up_to        DATE           NULL COMMENT '缴至年月 (first day of the month)',
    opened_on         DATE           NOT NULL,
    sealed_on         DATE           NULL COMMENT '封存日期',
    UNIQUE KEY ux_account_id_number (id_number_idx),
    KEY ix_account_phone (phone_idx),
    KEY ix_account_employer (dwzh),
    CONSTRAINT fk_account_employer FOREIGN KEY (dwzh) REFERENCES employer (dwzh)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Clustered by account and date so a year of 明细账 is one short range read.
CREATE TABLE ledger_entry (
    grzh           CHAR(12)       NOT NULL,
    entry_date     DATE           NOT NULL,
    seq            INT            NOT NULL COMMENT 'posting order within the account',
    business_type  CHAR(2)        NOT NULL COMMENT '01 汇缴 02 补缴 03 转入 04 转出 05 部分提取 09 年终结息 12 销户提取',
    amount         DECIMAL(18,2)  NOT NULL COMMENT 'signed: into the account is positive',
    balance_after  DECIMAL(18,2)  NOT NULL,
    memo           VARCHAR(100)   NOT NULL DEFAULT '',
    PRIMARY KEY (grzh, entry_date, seq),
    UNIQUE KEY ux_ledger_seq (grzh, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE loan (
    contract_no           VARCHAR(32)    NOT NULL PRIMARY KEY,
    grzh                  CHAR(12)       NOT NULL,
    amount                DECIMAL(18,2)  NOT NULL,
    term_months           INT            NOT NULL,
    annual_rate           DECIMAL(8,6)   NOT NULL,
    method                TINYINT        NOT NULL COMMENT '1 等额本息 2 等额本金',
    status                TINYINT        NOT NULL COMMENT '1 审批中 2 还款中 3 已结清',
    outstanding_principal DECIMAL(18,2)  NOT NULL,
    disbursed_on          DATE           NULL,
    next_due_date         DATE           NULL,
    next_instalment       DECIMAL(18,2)  NULL,
    property_address      VARCHAR(200)   NOT NULL DEFAULT '',
    KEY ix_loan_account (grzh)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE loan_progress (
    id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    contract_no  VARCHAR(32)   NOT NULL,
    stage        VARCHAR(32)   NOT NULL,
    at           DATETIME      NOT NULL COMMENT 'UTC',
    note         VARCHAR(200)  NOT NULL DEFAULT '',
    KEY ix_progress_contract (contract_no, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE withdrawal (
    id            BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    grzh          CHAR(12)       NOT NULL,
    type          TINYINT        NOT NULL,
    amount        DECIMAL(18,2)  NOT NULL,
    status        TINYINT        NOT NULL COMMENT '1 已提交 2 已审核 3 已退回 4 已到账',
    submitted_at  DATETIME       NOT NULL COMMENT 'UTC',
    decided_at    DATETIME       NULL,
    reason        VARCHAR(200)   NULL,
    KEY ix_withdrawal_account (grzh, submitted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wechat_binding (
    openid    VARCHAR(64)  NOT NULL PRIMARY KEY,
    grzh      CHAR(12)     NOT NULL,
    bound_at  DATETIME     NOT NULL COMMENT 'UTC',
    UNIQUE KEY ux_binding_account (grzh)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Online-hall credentials: present once a citizen has registered.
CREATE TABLE citizen_login (
    grzh                  CHAR(12)      NOT NULL PRIMARY KEY,
    password_hash         VARCHAR(200)  NOT NULL,
    security_question     VARCHAR(100)  NOT NULL,
    security_answer_hash  VARCHAR(200)  NOT NULL,
    registered_at         DATETIME      NOT NULL COMMENT 'UTC'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Counter staff, the audit log of what they (and citizens) did, and the outbox of template messages.

CREATE TABLE counter_staff (
    username       VARCHAR(32)   NOT NULL PRIMARY KEY,
    display_name   VARCHAR(50)   NOT NULL,
    password_hash  VARCHAR(200)  NOT NULL,
    role           VARCHAR(16)   NOT NULL CHECK (role IN ('clerk', 'supervisor')),
    created_at     DATETIME      NOT NULL COMMENT 'UTC'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only: who (staff:<username> or citizen:<grzh>), what, when, on which record. Never personal numbers.
CREATE TABLE audit_log (
    id      BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at      DATETIME(3)   NOT NULL COMMENT 'UTC',
    actor   VARCHAR(64)   NOT NULL,
    action  VARCHAR(40)   NOT NULL,
    target  VARCHAR(64)   NOT NULL,
    detail  VARCHAR(400)  NOT NULL DEFAULT '',
    KEY ix_audit_target (target, at),
    KEY ix_audit_actor (actor, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Written in the same transaction as the decision it announces, delivered later with retries, so a failing
-- WeChat API never undoes a decision and a decision is never announced that did not commit.
CREATE TABLE notification_outbox (
    id               BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    openid           VARCHAR(64)    NOT NULL,
    template_key     VARCHAR(40)    NOT NULL COMMENT 'resolved to a template id from configuration at delivery',
    url              VARCHAR(300)   NOT NULL,
    data             JSON           NOT NULL CHECK (JSON_VALID(data)),
    created_at       DATETIME       NOT NULL COMMENT 'UTC',
    attempts         INT            NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME       NOT NULL COMMENT 'UTC; also the lease while one instance delivers it',
    sent_at          DATETIME       NULL,
    failed_at        DATETIME       NULL COMMENT 'gave up after the last attempt',
    last_error       VARCHAR(300)   NULL,
    KEY ix_outbox_due (sent_at, failed_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

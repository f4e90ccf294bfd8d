-- Refused sign-ins, counted per window, kind, account tried, who tried (an OpenID's keyed hash or '-') and client
-- address, instead of one audit_log row per try: under a guessing attack the table grows with the attackers'
-- addresses and the accounts they try, not with their tries. An investigator still sees who was attacked from where.
CREATE TABLE signin_refusal (
    window_start   DATETIME      NOT NULL COMMENT 'UTC, start of the window (SignInRules.RefusalWindow)',
    action         VARCHAR(40)   NOT NULL,
    target         VARCHAR(80)   NOT NULL COMMENT 'the account tried: staff:{name}, operator:{id}, unit:{dwzh}, citizen:{grzh}',
    actor          VARCHAR(80)   NOT NULL COMMENT 'who tried, when known: openid:{hmac}; else -',
    client_address VARCHAR(64)   NOT NULL,
    tries          INT           NOT NULL,
    first_at       DATETIME(3)   NOT NULL COMMENT 'UTC',
    last_at        DATETIME(3)   NOT NULL COMMENT 'UTC',
    detail         VARCHAR(200)  NOT NULL DEFAULT '' COMMENT 'the first refusal''s reason in the window',
    PRIMARY KEY (window_start, action, target, actor, client_address),
    KEY ix_refusal_target (target, window_start),
    KEY ix_refusal_address (client_address, window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

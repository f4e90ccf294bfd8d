-- Staff accounts can be disabled, and every signed-in cookie carries the row's security stamp: a new password,
-- a disabled account or a changed role changes the stamp, and every cookie issued before stops working.

ALTER TABLE counter_staff
    ADD COLUMN enabled              TINYINT(1)  NOT NULL DEFAULT 1,
    ADD COLUMN security_stamp       CHAR(32)    NOT NULL DEFAULT '',
    ADD COLUMN password_changed_at  DATETIME    NULL COMMENT 'UTC';

UPDATE counter_staff SET security_stamp = LEFT(SHA2(CONCAT(username, UUID(), RAND()), 256), 32) WHERE security_stamp = '';

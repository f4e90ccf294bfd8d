-- What the chat's 我的账户 / 余额 and the statement page show of an account changes only when a write touches the
-- account row, its ledger or its binding. Every such write moves data_version, here in the database and in the same
-- transaction, so no writer can forget it: the row's own updates (every ledger posting moves the balance) by the
-- BEFORE UPDATE trigger, ledger corrections and deletions and binding changes by touching the account row.
-- The version is microseconds since the epoch (and always at least one more than before), so an account deleted and
-- laid down again (the demo seeder) never gets back a version a cache already holds. Readers keep copies tagged with
-- the version they read; the writer publishes the new version to Redis after commit (Fund.Data AccountVersions), and a
-- copy older than the published version is never served.
-- Re-runnable (IF NOT EXISTS): on a large table the UPDATE below may be interrupted, and the script is then applied again.
ALTER TABLE personal_account
    ADD COLUMN IF NOT EXISTS data_version BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'moves on every change of the account, its ledger or binding';

UPDATE personal_account SET data_version = CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS UNSIGNED);

CREATE TRIGGER IF NOT EXISTS trg_account_version_insert BEFORE INSERT ON personal_account FOR EACH ROW
    SET NEW.data_version = CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS UNSIGNED);

CREATE TRIGGER IF NOT EXISTS trg_account_version_update BEFORE UPDATE ON personal_account FOR EACH ROW
    SET NEW.data_version = GREATEST(OLD.data_version + 1, CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS UNSIGNED));

CREATE TRIGGER IF NOT EXISTS trg_binding_version_insert AFTER INSERT ON wechat_binding FOR EACH ROW
    UPDATE personal_account SET data_version = data_version + 1 WHERE grzh = NEW.grzh;

CREATE TRIGGER IF NOT EXISTS trg_binding_version_update AFTER UPDATE ON wechat_binding FOR EACH ROW
    UPDATE personal_account SET data_version = data_version + 1 WHERE grzh IN (OLD.grzh, NEW.grzh);

CREATE TRIGGER IF NOT EXISTS trg_binding_version_delete AFTER DELETE ON wechat_binding FOR EACH ROW
    UPDATE personal_account SET data_version = data_version + 1 WHERE grzh = OLD.grzh;

CREATE TRIGGER IF NOT EXISTS trg_ledger_version_update AFTER UPDATE ON ledger_entry FOR EACH ROW
    UPDATE personal_account SET data_version = data_version + 1 WHERE grzh IN (OLD.grzh, NEW.grzh);

CREATE TRIGGER IF NOT EXISTS trg_ledger_version_delete AFTER DELETE ON ledger_entry FOR EACH ROW
    UPDATE personal_account SET data_version = data_version + 1 WHERE grzh = OLD.grzh;

-- Citizens' sign-in, binding and credential changes are audited with the client address they came from.
-- IF NOT EXISTS: another change may add the same column for staff actions.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS client_address VARCHAR(64) NULL AFTER detail;

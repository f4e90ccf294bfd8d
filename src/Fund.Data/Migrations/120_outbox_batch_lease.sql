-- The outbox sender leases many due rows with one UPDATE (issue 21, the month-end peak): the rows a sender won carry
-- its lease token until they are sent, given up or handed back, so it can read exactly those back.
ALTER TABLE notification_outbox
    ADD COLUMN IF NOT EXISTS lease_token CHAR(32) NULL COMMENT 'the sender holding the row until next_attempt_at; NULL once settled',
    ADD KEY IF NOT EXISTS ix_outbox_lease (lease_token);

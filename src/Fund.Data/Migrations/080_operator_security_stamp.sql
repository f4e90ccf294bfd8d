-- An employer operator's security stamp: replaced when the operator is disabled, enabled, saved again or given a new
-- password, so every hall cookie issued before no longer matches and is refused at its next request.
ALTER TABLE employer_operator ADD COLUMN security_stamp CHAR(32) NOT NULL DEFAULT '' AFTER active;
UPDATE employer_operator SET security_stamp = REPLACE(UUID(), '-', '') WHERE security_stamp = '';

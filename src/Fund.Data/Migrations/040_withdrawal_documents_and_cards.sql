-- Withdrawal hardening: documents encrypted at rest and bound to the application they were submitted with,
-- replaced bank cards kept for the audit, and applications the citizen cancels before review.

-- key_id names the document key the file is encrypted under (Withdrawals:DocumentKeys); NULL is a file written in
-- clear before encryption, which `documents rekey` encrypts. withdrawal_id is set when an application is submitted
-- with the document: from then on the file is the application's and never changes or carries into the next one.
ALTER TABLE withdrawal_document
    ADD COLUMN key_id         VARCHAR(32)  NULL,
    ADD COLUMN withdrawal_id  BIGINT       NULL,
    ADD KEY ix_document_withdrawal (withdrawal_id);

-- Documents already uploaded belong to the first application submitted with their material after the upload.
UPDATE withdrawal_document d
   SET d.withdrawal_id = (SELECT MIN(w.id) FROM withdrawal w
                           WHERE w.material_id = d.material_id AND w.submitted_at >= d.uploaded_at);

-- A card the citizen replaced: the same columns as bank_card, never shown again, kept for the audit.
CREATE TABLE bank_card_replaced (
    id           BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    grzh         CHAR(12)       NOT NULL,
    bank_name    VARCHAR(50)    NOT NULL,
    card_enc     VARBINARY(96)  NOT NULL,
    card_idx     BINARY(32)     NOT NULL,
    card_last4   CHAR(4)        NOT NULL,
    created_at   DATETIME       NOT NULL COMMENT 'UTC, when it was entered',
    replaced_at  DATETIME       NOT NULL COMMENT 'UTC',
    KEY ix_card_replaced_account (grzh, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

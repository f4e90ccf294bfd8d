-- 租房, 购房 and 还贷 提取 go online: no new columns (the amount asked is withdrawal.amount, the facts sit in the
-- material's JSON), only the codes the columns now hold, for whoever reads the schema. Comment changes are
-- metadata only (INSTANT), so a large withdrawal table is not rebuilt.
ALTER TABLE withdrawal
    MODIFY COLUMN type TINYINT NOT NULL COMMENT '1 终止劳动关系 2 出境定居 3 离退休 (销户提取) 4 购房 5 租房 6 还贷 (部分提取)',
    ALGORITHM=INSTANT;
ALTER TABLE withdrawal_material
    MODIFY COLUMN type TINYINT NOT NULL COMMENT '1 终止劳动关系 2 出境定居 3 离退休 4 购房 5 租房 6 还贷',
    ALGORITHM=INSTANT;
ALTER TABLE withdrawal_document
    MODIFY COLUMN kind TINYINT NOT NULL COMMENT '1 身份证人像面 2 国徽面 3 解除劳动关系证明 4 户口注销证明 5 退休证 6 租赁合同 7 无房声明 8 购房合同 9 购房发票 10 借款合同 11 还款明细',
    ALGORITHM=INSTANT;

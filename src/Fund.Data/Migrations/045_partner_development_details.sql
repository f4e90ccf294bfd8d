-- 合作楼盘 details for the citizen's detail page (#13): how to reach the sales office, the price to expect, which
-- banks handle the fund loan there, the presale permit and when homes are handed over. All optional: rows the centre
-- adds from the console show what they have. The demo rows get invented values, marked as demo like the rows.
ALTER TABLE partner_development
    ADD COLUMN sales_phone    VARCHAR(30)  NULL COMMENT '售楼电话',
    ADD COLUMN price_note     VARCHAR(50)  NULL COMMENT '参考均价, e.g. 约6800元/㎡',
    ADD COLUMN loan_banks     VARCHAR(100) NULL COMMENT '公积金贷款受托银行',
    ADD COLUMN presale_permit VARCHAR(60)  NULL COMMENT '预售许可证号',
    ADD COLUMN handover       VARCHAR(30)  NULL COMMENT '交房时间',
    ADD COLUMN description    VARCHAR(500) NULL COMMENT '楼盘简介';

UPDATE partner_development
   SET sales_phone    = CONCAT('0376-60', LPAD(id, 5, '0')),
       price_note     = CONCAT('约', 5200 + (id MOD 7) * 300, '元/㎡（演示）'),
       loan_banks     = CASE id MOD 3 WHEN 0 THEN '中国建设银行、中国工商银行' WHEN 1 THEN '中国农业银行、中国银行' ELSE '中国建设银行、信阳农商银行' END,
       presale_permit = CONCAT('信房预售证（演示）第', 2024000 + id, '号'),
       handover       = CASE status WHEN '在建' THEN '预计2027年12月' WHEN '售罄' THEN '已交房' ELSE '现房或准现房' END,
       description    = CONCAT(name, '为演示数据，由', developer, '开发，位于', address, '。购房人可申请住房公积金贷款，具体以中心审批为准。')
 WHERE is_demo = 1;

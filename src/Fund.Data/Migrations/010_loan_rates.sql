-- 个人住房公积金贷款利率, set by the People's Bank of China; one row per (table date, home, term band).
-- A new table is a set of new rows with a later effective_from; old rows stay as the history.
-- Sources, checked 2026:
--   2025-05-08: PBoC cut of 0.25 points, as published by the Zhuhai housing provident fund centre on 2025-05-08
--               (首套 2.1% / 2.6%, 二套 不低于 2.525% / 3.075%).
--   2024-05-18: 《中国人民银行关于下调个人住房公积金贷款利率的通知》 of 2024-05-17, reported by 中新网 and
--               浙江在线 (china.zjol.com.cn/sz/202405/t20240521_26857453.shtml): 首套 2.35% / 2.85%, 二套 不低于 2.775% / 3.325%.
--   2022-10-01: PBoC announcement of 2022-09-30 (首套 cut 0.15 points to 2.6% / 3.1%; 二套 unchanged at
--               不低于 3.025% / 3.575%), as reported the same evening by several news sites.
-- Second-home rates are the national floor (不低于); the centre lends at the floor unless it publishes otherwise.
CREATE TABLE loan_rate (
    id              INT           NOT NULL AUTO_INCREMENT PRIMARY KEY,
    effective_from  DATE          NOT NULL,
    home            TINYINT       NOT NULL COMMENT '1 首套 2 二套',
    term_band       TINYINT       NOT NULL COMMENT '1 5年以下（含5年） 2 5年以上',
    annual_rate     DECIMAL(8,6)  NOT NULL COMMENT 'fraction: 0.026000 = 2.60%',
    note            VARCHAR(200)  NOT NULL DEFAULT '',
    UNIQUE KEY uq_loan_rate (effective_from, home, term_band)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO loan_rate (effective_from, home, term_band, annual_rate, note) VALUES
('2025-05-08', 1, 1, 0.021000, '中国人民银行下调0.25个百分点'),
('2025-05-08', 1, 2, 0.026000, '中国人民银行下调0.25个百分点'),
('2025-05-08', 2, 1, 0.025250, '不低于首套利率的1.1倍'),
('2025-05-08', 2, 2, 0.030750, '不低于首套利率的1.1倍'),
('2024-05-18', 1, 1, 0.023500, '中国人民银行下调0.25个百分点'),
('2024-05-18', 1, 2, 0.028500, '中国人民银行下调0.25个百分点'),
('2024-05-18', 2, 1, 0.027750, '不低于首套利率的1.1倍'),
('2024-05-18', 2, 2, 0.033250, '不低于首套利率的1.1倍'),
('2022-10-01', 1, 1, 0.026000, '首套下调0.15个百分点'),
('2022-10-01', 1, 2, 0.031000, '首套下调0.15个百分点'),
('2022-10-01', 2, 1, 0.030250, '二套政策不变，不低于首套利率的1.1倍'),
('2022-10-01', 2, 2, 0.035750, '二套政策不变，不低于首套利率的1.1倍');

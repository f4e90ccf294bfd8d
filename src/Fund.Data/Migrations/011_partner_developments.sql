-- 合作楼盘: developments whose buyers may borrow from the fund. Every row below is demo data marked （演示）:
-- names, developers and addresses are invented; the centre replaces them with its own list.
CREATE TABLE partner_development (
    id         INT           NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(100)  NOT NULL,
    developer  VARCHAR(100)  NOT NULL,
    district   VARCHAR(20)   NOT NULL COMMENT '区县: 浉河区, 平桥区, 羊山新区, 潢川县 …',
    address    VARCHAR(200)  NOT NULL,
    status     VARCHAR(10)   NOT NULL COMMENT '在售 售罄 在建',
    is_demo    TINYINT(1)    NOT NULL DEFAULT 0,
    KEY ix_partner_development_district (district)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO partner_development (name, developer, district, address, status, is_demo) VALUES
('浉河湾示范花园（演示）', '信阳示范置业有限公司', '浉河区', '浉河区新华西路示范段88号', '在售', 1),
('南湖示范公馆（演示）', '信阳示范置业有限公司', '浉河区', '浉河区南湖路示范段16号', '售罄', 1),
('茶都示范雅苑（演示）', '信阳茶都示范房地产开发有限公司', '浉河区', '浉河区茶韵大道示范段9号', '在建', 1),
('羊山示范新城（演示）', '信阳羊山示范建设有限公司', '羊山新区', '羊山新区新七大道示范段100号', '在售', 1),
('示范府（演示）', '信阳羊山示范建设有限公司', '羊山新区', '羊山新区新五大道示范段21号', '在售', 1),
('平桥示范家园（演示）', '平桥示范城建开发有限公司', '平桥区', '平桥区平西路示范段55号', '在售', 1),
('明港示范小区（演示）', '平桥示范城建开发有限公司', '平桥区', '平桥区明港镇示范街3号', '售罄', 1),
('弋阳示范名苑（演示）', '潢川示范置业有限公司', '潢川县', '潢川县弋阳路示范段66号', '在售', 1),
('蓼城示范华府（演示）', '固始示范房地产有限公司', '固始县', '固始县蓼城大道示范段8号', '在建', 1),
('宝城示范苑（演示）', '罗山示范置业有限公司', '罗山县', '罗山县宝城路示范段12号', '在售', 1),
('光州示范花园（演示）', '光山示范建设有限公司', '光山县', '光山县正大街示范段30号', '售罄', 1),
('息州示范家园（演示）', '息县示范房地产开发有限公司', '息县', '息县谯楼街示范段5号', '在售', 1);

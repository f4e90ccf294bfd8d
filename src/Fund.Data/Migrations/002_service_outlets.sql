-- 服务网点. The rows below are demo data (addresses and coordinates approximate, phones fictitious);
-- the centre replaces them with its own list.
CREATE TABLE service_outlet (
    id         INT            NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(100)   NOT NULL,
    address    VARCHAR(200)   NOT NULL,
    hours      VARCHAR(100)   NOT NULL,
    phone      VARCHAR(30)    NOT NULL,
    latitude   DECIMAL(9,6)   NOT NULL,
    longitude  DECIMAL(9,6)   NOT NULL,
    is_demo    TINYINT(1)     NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO service_outlet (name, address, hours, phone, latitude, longitude, is_demo) VALUES
('市中心服务大厅（演示）', '信阳市浉河区新华西路示范大厦一楼', '周一至周五 8:30-12:00 14:30-17:30', '0376-12329', 32.129500, 114.066800, 1),
('羊山新区服务部（演示）', '信阳市羊山新区新七大道示范中心二楼', '周一至周五 8:30-12:00 14:30-17:30', '0376-12329', 32.145900, 114.036200, 1),
('平桥区服务部（演示）', '信阳市平桥区平西路示范路口', '周一至周五 8:30-12:00 14:30-17:30', '0376-12329', 32.101000, 114.126200, 1),
('潢川县管理部（演示）', '潢川县弋阳路示范大楼', '周一至周五 8:30-12:00 14:30-17:30', '0376-12329', 32.131300, 115.051600, 1),
('固始县管理部（演示）', '固始县蓼城大道示范大厦', '周一至周五 8:30-12:00 14:30-17:30', '0376-12329', 32.168000, 115.654500, 1),
('罗山县管理部（演示）', '罗山县宝城路示范楼', '周一至周五 8:30-12:00 14:30-17:30', '0376-12329', 32.203200, 114.513000, 1);

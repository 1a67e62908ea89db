-- A village service station's monthly service record (霍邱's five functions: 商品代购, 物流快递,
-- 便民服务, 业务宣传, 信息上报), one per station (operator) per month. The id is
-- UUIDv5(operator, month), so two laptops recording the same station and month converge on one
-- row. Township-owned through the station's village. Money as text to the fen. IF NOT EXISTS:
-- the step can run again on a database stepped back to an earlier version.
CREATE TABLE IF NOT EXISTS station_month (
    id            TEXT PRIMARY KEY,
    operator_id   TEXT NOT NULL REFERENCES operator(id),
    -- YYYY-MM
    month         TEXT NOT NULL CHECK (length(month) = 7 AND substr(month, 5, 1) = '-'),
    -- 电商服务金额 (代购代销、代存代缴 …), yuan
    service_value TEXT NOT NULL DEFAULT '0.00',
    -- 商品代购: purchases made on behalf of villagers (count)
    purchases     INTEGER NOT NULL DEFAULT 0 CHECK (purchases >= 0),
    -- 农产品代销: sales made on behalf of villagers (count)
    sales         INTEGER NOT NULL DEFAULT 0 CHECK (sales >= 0),
    -- 物流快递: parcels sent and received
    parcels       INTEGER NOT NULL DEFAULT 0 CHECK (parcels >= 0),
    -- 便民服务: bills paid on behalf (phone, electricity …)
    bills_paid    INTEGER NOT NULL DEFAULT 0 CHECK (bills_paid >= 0),
    -- 业务宣传: publicity held (times)
    publicity     INTEGER NOT NULL DEFAULT 0 CHECK (publicity >= 0),
    -- 信息上报: reports sent to the township (times)
    reports       INTEGER NOT NULL DEFAULT 0 CHECK (reports >= 0),
    notes         TEXT NOT NULL DEFAULT '',
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS station_month_by_station ON station_month(operator_id, month)
    WHERE deleted_hlc IS NULL;

-- Databases that earlier versions of the desktop app filled with the demo county on first
-- start carry no demo mark. The demo's county id is the same in every database (UUIDv5 of its
-- code, `demo::demo_id("county", "621221")`), and a real county's is a UUIDv7 made on its
-- device, so that id tells them apart: such a database gets the mark, shows the 演示数据 banner
-- and is refused by a real county at enrollment, as a demo database made today is.
INSERT OR IGNORE INTO app_meta (key, value)
SELECT 'demo', '1' FROM county WHERE id = '96684092-b75d-5e08-bd6f-4596cb0e8530';

-- A variant of the INVENTED court schema in schema.sql, as many court systems are built: the tags and the
-- procedural steps of a case name it by its 案号 (text), not by an integer key, and a case's steps are
-- ordered by a timestamp written as text — no integer id at all. Run after schema.sql and data.sql (it
-- copies their rows); luoshi.text-key.config.yaml maps it (docs/sql.md, "A case key written as text").
-- It runs as it is on PostgreSQL and on DuckDB.

-- 案件标签 (by 案号)
CREATE TABLE zx_ajbq_ah (
  ah      VARCHAR(64) NOT NULL,-- 案号
  bqmc    VARCHAR(32) NOT NULL -- 标签名称
);
INSERT INTO zx_ajbq_ah SELECT a.ah, b.bqmc FROM zx_ajbq b JOIN zx_ajxx a ON a.ajbs = b.ajbs ORDER BY b.bqmc, a.ah;

-- 执行节点信息 (by 案号; the rows in no particular order)
CREATE TABLE zx_jdxx_ah (
  ah      VARCHAR(64) NOT NULL,-- 案号
  jdsj    VARCHAR(26) NOT NULL,-- 节点时间 YYYY-MM-DD HH:MM:SS.ffffff (the steps of a day in the order recorded)
  jdlx    VARCHAR(4) NOT NULL, -- 节点类型代码 (1xxx)
  jdrq    DATE NOT NULL,       -- 节点日期
  je      NUMERIC(18, 2),      -- 金额 (元)
  bz      VARCHAR(200)         -- 备注
);
INSERT INTO zx_jdxx_ah
SELECT a.ah, CAST(j.jdrq AS VARCHAR) || ' 09:00:00.' || LPAD(CAST(j.jdbs AS VARCHAR), 6, '0'), j.jdlx, j.jdrq, j.je, j.bz
FROM zx_jdxx j JOIN zx_ajxx a ON a.ajbs = j.ajbs
ORDER BY j.jdlx DESC, j.jdrq, a.ah;

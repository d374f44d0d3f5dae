-- An INVENTED court case-management schema (执行案件管理系统), shaped like the systems Chinese courts run:
-- pinyin-initial table and column names, codes for courts, case types, closures and node types, dates
-- written as text in some tables, amounts in 元. It is not any real system's schema. It runs as it is on
-- PostgreSQL and on DuckDB; luoshi.config.yaml beside it maps it to luoshi's canonical tables.

-- 执行案件信息 (one row per case)
CREATE TABLE zx_ajxx (
  ajbs    BIGINT PRIMARY KEY,  -- 案件标识
  ah      VARCHAR(64) NOT NULL,-- 案号
  fydm    VARCHAR(6) NOT NULL, -- 法院代码
  ajlx    VARCHAR(2),          -- 案件类型代码: 01 首执, 02 恢复执行, 03 执行保全
  larq    CHAR(8) NOT NULL,    -- 立案日期 YYYYMMDD
  jarq    CHAR(8),             -- 结案日期 YYYYMMDD
  jafs    VARCHAR(4),          -- 结案方式代码 (03xx)
  sqbdje  NUMERIC(18, 2),      -- 申请标的金额 (元)
  sjdwje  NUMERIC(18, 2),      -- 实际到位金额 (元)
  ywcc    CHAR(1),             -- 有无可供执行财产: 1 有, 0 无, 9 不明
  cbr     VARCHAR(32) NOT NULL,-- 承办人
  cbtd    VARCHAR(32),         -- 承办团队
  sfsc    CHAR(1) NOT NULL     -- 是否删除: 0 否, 1 是 (删除的记录不是案件)
);

-- 案件标签
CREATE TABLE zx_ajbq (
  ajbs    BIGINT NOT NULL,     -- 案件标识
  bqmc    VARCHAR(32) NOT NULL -- 标签名称
);

-- 执行节点信息 (one row per procedural step)
CREATE TABLE zx_jdxx (
  jdbs    BIGINT PRIMARY KEY,  -- 节点标识 (in the order the steps were recorded)
  ajbs    BIGINT NOT NULL,     -- 案件标识
  jdlx    VARCHAR(4) NOT NULL, -- 节点类型代码 (1xxx)
  jdrq    DATE NOT NULL,       -- 节点日期
  je      NUMERIC(18, 2),      -- 金额 (元)
  bz      VARCHAR(200)         -- 备注
);

-- 法院执行人员情况 (统计报表)
CREATE TABLE tj_zxry (
  xh      INTEGER PRIMARY KEY, -- 序号
  fydm    VARCHAR(6) NOT NULL, -- 法院代码
  tjrq    DATE NOT NULL,       -- 统计日期
  zxrys   INTEGER,             -- 执行人员数
  zfbzs   INTEGER,             -- 政法编制数
  yefgs   INTEGER              -- 员额法官数
);

-- 督查任务进展
CREATE TABLE dc_rwjz (
  xh      INTEGER PRIMARY KEY, -- 序号
  rwbh    VARCHAR(16) NOT NULL,-- 任务编号
  jdmc    VARCHAR(200),        -- 节点名称
  wcrq    VARCHAR(10) NOT NULL,-- 完成日期 YYYY-MM-DD
  wcdw    VARCHAR(64),         -- 完成单位或人
  zmcl    VARCHAR(200)         -- 证明材料
);

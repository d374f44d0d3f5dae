// Generated plans for the stress tests and the compile benchmark.

/** A deterministic pseudo-random generator (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plan of about `lines` lines: people, roles, indicators, targets and tasks, all valid. */
export function generatePlan(lines: number): string {
  const out = [
    '方案 生成方案 {',
    '  期间 2018-01-01 至 2018-12-31',
    '  使用 std',
    '}',
    '人员 张三, 李四',
    '角色 分管领导 = 张三',
    '部门 执行局',
  ];
  let i = 0;
  while (out.length < lines) {
    i++;
    out.push(`集合 集${i} = 案件 其中 立案日期 在 窗口 且 申请标的 > ${i}元`);
    out.push(`指标 指${i} (%) = 计数(集${i} 其中 结案日期 不为空) / 计数(集${i})`);
    out.push(`目标 目${i} : 指${i} >= ${50 + (i % 40)}% 力争 95% 每个法院 截至 2018-12-31`);
    out.push(`任务 ${i} "生成的任务${i}" {`);
    out.push('  责任人 分管领导, 李四');
    out.push('  责任部门 执行局');
    out.push(`  节点 "第一步" 完成 2018-0${1 + (i % 5)}-15`);
    out.push(`  节点 "第二步" 完成 2018-${String(7 + (i % 5)).padStart(2, '0')}-28 当 计数(集${i}) >= 2件 每个法院`);
    out.push(`  目标 目${i}`);
    out.push('}');
  }
  return out.join('\n') + '\n';
}

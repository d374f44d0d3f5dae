// src/harness/commands/gen.ts
import { createWriteStream, openSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import iconv from "iconv-lite";

// src/engine/time/calendar.ts
function isLeapYear(y) {
  return y % 4 === 0 && y % 100 !== 0 || y % 400 === 0;
}
function daysInMonth(y, m) {
  return m === 2 ? isLeapYear(y) ? 29 : 28 : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}
function isValidDate(y, m, d) {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
function dayOf(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function civilOf(day) {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}
var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
function parseIsoDay(s) {
  const m = ISO.exec(s);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  return isValidDate(y, mo, d) ? dayOf(y, mo, d) : null;
}
function pad(n, w) {
  return String(n).padStart(w, "0");
}
function formatDay(day) {
  const { y, m, d } = civilOf(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}
function addMonths(day, months2) {
  const { y, m, d } = civilOf(day);
  const total = y * 12 + (m - 1) + months2;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return dayOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

// src/engine/data/random.ts
function cyrb128(s) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ h1 >>> 18, 597399067);
  h2 = Math.imul(h4 ^ h2 >>> 22, 2869860233);
  h3 = Math.imul(h1 ^ h3 >>> 17, 951274213);
  h4 = Math.imul(h2 ^ h4 >>> 19, 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
var Rng = class {
  a;
  b;
  c;
  d;
  constructor(seed) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 12; i++) this.u32();
  }
  /** A uniform 32-bit unsigned integer. */
  u32() {
    const t = (this.a + this.b | 0) + this.d | 0;
    this.d = this.d + 1 | 0;
    this.a = this.b ^ this.b >>> 9;
    this.b = this.c + (this.c << 3) | 0;
    this.c = this.c << 21 | this.c >>> 11;
    this.c = this.c + t | 0;
    return t >>> 0;
  }
  /** Uniform in [0, 1). */
  next() {
    return this.u32() / 4294967296;
  }
  /** Uniform integer in [0, n). */
  int(n) {
    return Math.floor(this.next() * n);
  }
  /** Uniform integer in [lo, hi]. */
  between(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.next() < p;
  }
  pick(items) {
    return items[this.int(items.length)];
  }
  /** An index drawn with the given (non-negative) weights. */
  weighted(weights) {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
  /** Standard normal (Box–Muller). */
  normal() {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Log-normal with the given median and log-space sigma. */
  logNormal(median, sigma) {
    return median * Math.exp(sigma * this.normal());
  }
};
function apportion(total, weights, caps) {
  const n = weights.length;
  const parts = new Array(n).fill(0);
  if (n === 0) {
    if (total !== 0) throw new Error("nothing to apportion into");
    return parts;
  }
  const fixed = new Array(n).fill(false);
  let remaining = total;
  for (; ; ) {
    const open = [];
    let wsum = 0;
    for (let i = 0; i < n; i++) if (!fixed[i]) {
      open.push(i);
      wsum += weights[i];
    }
    if (open.length === 0) {
      if (remaining !== 0) throw new Error("the caps cannot hold the total");
      return parts;
    }
    const share = open.map((i) => wsum > 0 ? remaining * weights[i] / wsum : remaining / open.length);
    const floor = share.map(Math.floor);
    let left = remaining - floor.reduce((a, b) => a + b, 0);
    const order = open.map((_, k) => k).sort((x, y) => share[y] - floor[y] - (share[x] - floor[x]) || x - y);
    for (const k of order) {
      if (left <= 0) break;
      floor[k]++;
      left--;
    }
    let over = false;
    open.forEach((i, k) => {
      parts[i] = floor[k];
      if (caps && parts[i] > caps[i]) over = true;
    });
    if (!over) return parts;
    for (const i of open) {
      if (caps && parts[i] >= caps[i]) {
        parts[i] = caps[i];
        fixed[i] = true;
        remaining -= caps[i];
      }
    }
  }
}

// src/engine/data/presets.ts
var court = (name, code, level, weight, handlers, quota, ratio) => ({ name, code, level, weight, handlers, quota, ratio });
var PRESETS = {
  ningbo: {
    name: "ningbo",
    title: "\u5B81\u6CE2\u5E02\u4E2D\u7EA7\u4EBA\u6C11\u6CD5\u9662\u53CA\u8F96\u533A\u57FA\u5C42\u6CD5\u9662",
    from: "2016-01-01",
    to: "2018-12-31",
    cases: 3e3,
    teams: true,
    growth: 1.08,
    medianClaimed: 8e4,
    courts: [
      court("\u5B81\u6CE2\u5E02\u4E2D\u7EA7\u4EBA\u6C11\u6CD5\u9662", "\u6D5902", "\u4E2D\u9662", 0.03, 14, 420, [0.12, 0.15]),
      court("\u5B81\u6CE2\u5E02\u6D77\u66D9\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6D590203", "\u57FA\u5C42", 0.13, 18, 190, [0.13, 0.16]),
      court("\u5B81\u6CE2\u5E02\u6C5F\u5317\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6D590205", "\u57FA\u5C42", 0.07, 10, 110, [0.14, 0.155]),
      court("\u5B81\u6CE2\u5E02\u9547\u6D77\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6D590211", "\u57FA\u5C42", 0.05, 8, 90, [0.13, 0.156]),
      court("\u5B81\u6CE2\u5E02\u5317\u4ED1\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6D590206", "\u57FA\u5C42", 0.1, 13, 150, [0.12, 0.14]),
      court("\u5B81\u6CE2\u5E02\u911E\u5DDE\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6D590212", "\u57FA\u5C42", 0.16, 22, 230, [0.14, 0.165]),
      court("\u5B81\u6CE2\u5E02\u5949\u5316\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6D590213", "\u57FA\u5C42", 0.06, 9, 100, [0.13, 0.15]),
      court("\u4F59\u59DA\u5E02\u4EBA\u6C11\u6CD5\u9662", "\u6D590281", "\u57FA\u5C42", 0.12, 17, 190, [0.14, 0.158]),
      court("\u6148\u6EAA\u5E02\u4EBA\u6C11\u6CD5\u9662", "\u6D590282", "\u57FA\u5C42", 0.14, 20, 220, [0.15, 0.168]),
      court("\u5B81\u6D77\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6D590226", "\u57FA\u5C42", 0.07, 10, 120, [0.13, 0.15]),
      court("\u8C61\u5C71\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6D590225", "\u57FA\u5C42", 0.07, 10, 120, [0.12, 0.133])
    ]
  },
  chongqing2: {
    name: "chongqing2",
    title: "\u91CD\u5E86\u5E02\u7B2C\u4E8C\u4E2D\u7EA7\u4EBA\u6C11\u6CD5\u9662\u53CA\u8F96\u533A\u57FA\u5C42\u6CD5\u9662",
    from: "2015-01-01",
    to: "2017-12-31",
    cases: 2e3,
    teams: true,
    growth: 1.06,
    medianClaimed: 5e4,
    courts: [
      court("\u91CD\u5E86\u5E02\u7B2C\u4E8C\u4E2D\u7EA7\u4EBA\u6C11\u6CD5\u9662", "\u6E1D02", "\u4E2D\u9662", 0.03, 12, 330, [0.12, 0.15]),
      court("\u91CD\u5E86\u5E02\u4E07\u5DDE\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0101", "\u57FA\u5C42", 0.25, 26, 260, [0.14, 0.185]),
      court("\u91CD\u5E86\u5E02\u6881\u5E73\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0155", "\u57FA\u5C42", 0.08, 9, 110, [0.14, 0.18]),
      court("\u91CD\u5E86\u5E02\u57CE\u53E3\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0229", "\u57FA\u5C42", 0.02, 4, 55, [0.13, 0.16]),
      court("\u91CD\u5E86\u5E02\u4E30\u90FD\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0230", "\u57FA\u5C42", 0.07, 8, 100, [0.15, 0.19]),
      court("\u91CD\u5E86\u5E02\u57AB\u6C5F\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0231", "\u57FA\u5C42", 0.08, 9, 110, [0.14, 0.18]),
      court("\u91CD\u5E86\u5E02\u5FE0\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0233", "\u57FA\u5C42", 0.08, 9, 105, [0.15, 0.182]),
      court("\u91CD\u5E86\u5E02\u5F00\u5DDE\u533A\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0154", "\u57FA\u5C42", 0.15, 16, 180, [0.14, 0.18]),
      court("\u91CD\u5E86\u5E02\u4E91\u9633\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0235", "\u57FA\u5C42", 0.1, 11, 130, [0.13, 0.17]),
      court("\u91CD\u5E86\u5E02\u5949\u8282\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0236", "\u57FA\u5C42", 0.07, 8, 100, [0.15, 0.185]),
      court("\u91CD\u5E86\u5E02\u5DEB\u5C71\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0237", "\u57FA\u5C42", 0.04, 5, 70, [0.14, 0.18]),
      court("\u91CD\u5E86\u5E02\u5DEB\u6EAA\u53BF\u4EBA\u6C11\u6CD5\u9662", "\u6E1D0238", "\u57FA\u5C42", 0.03, 4, 60, [0.14, 0.17])
    ]
  },
  fujin: {
    name: "fujin",
    title: "\u5BCC\u9526\u5E02\u4EBA\u6C11\u6CD5\u9662",
    from: "2010-01-01",
    to: "2012-12-31",
    cases: 900,
    teams: false,
    growth: 1,
    medianClaimed: 3e4,
    courts: [court("\u5BCC\u9526\u5E02\u4EBA\u6C11\u6CD5\u9662", "\u9ED10882", "\u57FA\u5C42", 1, 10, 95, [0.16, 0.17])]
  },
  chengde: {
    name: "chengde",
    title: "\u627F\u5FB7\u5E02\u53CC\u6865\u533A\u4EBA\u6C11\u6CD5\u9662",
    from: "2017-01-01",
    to: "2018-12-31",
    cases: 800,
    teams: true,
    growth: 1.05,
    medianClaimed: 4e4,
    courts: [court("\u627F\u5FB7\u5E02\u53CC\u6865\u533A\u4EBA\u6C11\u6CD5\u9662", "\u51800802", "\u57FA\u5C42", 1, 22, 290, [0.145, 0.172])]
  }
};
var FUJIN2011 = "fujin2011";
function presetNames() {
  return [...Object.keys(PRESETS), FUJIN2011];
}
var SURNAMES = "\u738B\u674E\u5F20\u5218\u9648\u6768\u9EC4\u8D75\u5434\u5468\u5F90\u5B59\u9A6C\u6731\u80E1\u90ED\u4F55\u9AD8\u6797\u7F57\u90D1\u6881\u8C22\u5B8B\u5510\u8BB8\u97E9\u51AF\u9093\u66F9\u5F6D\u66FE\u8096\u7530\u8463\u8881\u6F58\u848B\u8521\u675C\u53F6\u7A0B\u82CF\u9B4F\u4E01\u4EFB\u6C88\u59DA\u5362\u59DC\u5D14\u949F\u8C2D\u9646\u6C6A\u8303\u91D1\u77F3\u5ED6\u8D3E\u590F\u97E6\u65B9\u767D\u90B9\u5B5F\u718A\u79E6\u90B1\u6C5F\u5C39\u859B\u95EB\u6BB5\u96F7\u4FAF\u9F99\u53F2\u9676\u9ECE\u8D3A\u987E\u6BDB\u90DD\u9F9A\u90B5\u94B1\u4E25\u6B66\u6234\u5B54\u6C64";
var GIVEN = "\u4F1F\u82B3\u5A1C\u654F\u9759\u4E3D\u5F3A\u78CA\u519B\u6D0B\u52C7\u8273\u6770\u5A1F\u6D9B\u660E\u8D85\u79C0\u971E\u5E73\u521A\u6842\u82F1\u534E\u7389\u5170\u840D\u7EA2\u5EFA\u6587\u8F89\u529B\u658C\u5B87\u6D69\u51EF\u9E4F\u98DE\u4FCA\u5CF0\u7433\u96EA\u6885\u6668\u65ED\u4E1C\u6D77\u6CE2\u5B81\u5A77\u9896\u6167\u7ACB\u5FD7\u56FD\u5E86\u6625\u71D5\u6653\u65B0\u6C38\u5065\u5FB7\u6210\u4F73\u742A";
function handlerNames(courtName, count) {
  let h = 2166136261;
  for (let i = 0; i < courtName.length; i++) h = Math.imul(h ^ courtName.charCodeAt(i), 16777619);
  const next = () => {
    h = Math.imul(h ^ h >>> 15, 2246822507);
    h = Math.imul(h ^ h >>> 13, 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  while (out.length < count) {
    const s = SURNAMES[Math.floor(next() * SURNAMES.length)];
    const g1 = GIVEN[Math.floor(next() * GIVEN.length)];
    const name = next() < 0.55 ? s + g1 + GIVEN[Math.floor(next() * GIVEN.length)] : s + g1;
    if (!seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}
var TEAM_NUMERALS = ["\u4E00", "\u4E8C", "\u4E09", "\u56DB", "\u4E94", "\u516D", "\u4E03", "\u516B", "\u4E5D", "\u5341", "\u5341\u4E00", "\u5341\u4E8C", "\u5341\u4E09", "\u5341\u56DB", "\u5341\u4E94"];
function teamNames(handlerCount) {
  const teams = Math.max(1, Math.round(handlerCount / 3));
  return Array.from({ length: handlerCount }, (_, i) => `\u6267\u884C${TEAM_NUMERALS[i % teams] ?? String(i % teams + 1)}\u56E2\u961F`);
}

// src/engine/data/generate.ts
var DEFECTS = [
  "impossible-date",
  "closed-before-filed",
  "negative-money",
  "three-decimals",
  "unknown-closure",
  "missing-court",
  "event-after-closed",
  "closure-without-closed",
  "duplicate-id",
  "unknown-event-type",
  "malformed"
];
var ZB = "\u7EC8\u7ED3\u672C\u6B21\u6267\u884C\u7A0B\u5E8F";
var DAY = (s) => parseIsoDay(s);
var DAY_TEXT = [];
var DAY_BASE = DAY("1990-01-01");
function dayText(d) {
  const k = d - DAY_BASE;
  if (k < 0 || k > 4e4) return formatDay(d);
  return DAY_TEXT[k] ??= formatDay(d);
}
var GenError = class extends Error {
};
function resolveOptions(opts) {
  const isFujin2011 = opts.preset === FUJIN2011;
  const preset = PRESETS[opts.preset] ?? null;
  if (!preset && !isFujin2011) throw new GenError(`unknown preset "${opts.preset}" (known: ${presetNames().join(", ")})`);
  const p = preset ?? PRESETS.fujin;
  const day = (s, fallback, what) => {
    const d = parseIsoDay(s ?? fallback);
    if (d === null) throw new GenError(`${what} must be a date YYYY-MM-DD, not "${s}"`);
    return d;
  };
  if (isFujin2011 && (opts.cases !== void 0 || opts.from !== void 0 || opts.to !== void 0 || opts.asOf !== void 0)) {
    throw new GenError("fujin2011 is a fixed data set (\u5BCC\u9526 2009\u20132012): --cases, --from, --to and --as-of do not apply");
  }
  const from = day(opts.from, p.from, "from");
  const to = day(opts.to, p.to, "to");
  if (to < from) throw new GenError(`to ${formatDay(to)} is before from ${formatDay(from)}`);
  const asOf = isFujin2011 ? DAY("2012-03-31") : day(opts.asOf, formatDay(to), "as-of");
  if (asOf < from) throw new GenError(`as-of ${formatDay(asOf)} is before from ${formatDay(from)}`);
  const cases = opts.cases ?? p.cases;
  if (!Number.isSafeInteger(cases) || cases < 0) throw new GenError(`cases must be a whole number \u2265 0, not ${opts.cases}`);
  const broken = opts.broken ?? 0;
  if (!(broken >= 0 && broken <= 1)) throw new GenError(`broken must be a fraction between 0 and 1, not ${opts.broken}`);
  return { preset, cases, seed: String(opts.seed ?? 1), from, to, asOf };
}
function courtCtx(spec, withTeams) {
  const handlers = handlerNames(spec.name, spec.handlers);
  const r = new Rng(`handlers:${spec.name}`);
  const handlerCum = new Float64Array(handlers.length);
  let acc = 0;
  handlers.forEach((_, i) => handlerCum[i] = acc += 0.5 + r.next());
  return { spec, handlers, handlerCum, teams: withTeams ? teamNames(handlers.length) : null, seq: /* @__PURE__ */ new Map() };
}
var TYPE_MARK = { \u9996\u6267: "\u6267", \u6062\u590D\u6267\u884C: "\u6267\u6062", \u6267\u884C\u4FDD\u5168: "\u6267\u4FDD" };
var TYPE_INDEX = { \u9996\u6267: 0, \u6062\u590D\u6267\u884C: 1, \u6267\u884C\u4FDD\u5168: 2 };
function nextId(court2, type, filed) {
  const year = dayText(filed).slice(0, 4);
  const key = Number(year) * 4 + TYPE_INDEX[type];
  const n = (court2.seq.get(key) ?? 0) + 1;
  court2.seq.set(key, n);
  return `(${year})${court2.spec.code}${TYPE_MARK[type]}${n}\u53F7`;
}
function pickHandler(rng, cum) {
  const x = rng.next() * cum[cum.length - 1];
  let a = 0, b = cum.length - 1;
  while (a < b) {
    const m = a + b >> 1;
    if (cum[m] > x) b = m;
    else a = m + 1;
  }
  return a;
}
var ZB_DEFECTS = ["short", "no-report", "one-query", "no-traditional", "no-restriction", "no-interview"];
var ERA = {
  \u603B\u5BF9\u603B\u67E5\u63A7: DAY("2014-12-01"),
  \u70B9\u5BF9\u70B9\u67E5\u63A7: DAY("2013-01-01"),
  \u7EB3\u5165\u5931\u4FE1: DAY("2013-10-01"),
  \u5C4F\u853D\u5931\u4FE1: DAY("2013-10-01"),
  \u9650\u5236\u6D88\u8D39: DAY("2010-10-01"),
  \u60AC\u8D4F: DAY("2012-01-01"),
  \u7EC8\u672C\u5DE1\u67E5: DAY("2016-12-01")
};
function caseType(rng) {
  const x = rng.next();
  return x < 0.85 ? "\u9996\u6267" : x < 0.95 ? "\u6062\u590D\u6267\u884C" : "\u6267\u884C\u4FDD\u5168";
}
function sampleClosure(rng, type) {
  if (type === "\u6267\u884C\u4FDD\u5168") return rng.pick(["\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5", "\u9500\u6848", "\u7EC8\u7ED3\u6267\u884C"]);
  const w = type === "\u9996\u6267" ? [45, 40, 8, 3, 2, 2] : [35, 50, 10, 3, 1, 1];
  return ["\u6267\u884C\u5B8C\u6BD5", ZB, "\u7EC8\u7ED3\u6267\u884C", "\u9500\u6848", "\u4E0D\u4E88\u6267\u884C", "\u9A73\u56DE\u7533\u8BF7"][rng.weighted(w)];
}
function sampleProperty(rng, closure) {
  const x = rng.next();
  switch (closure) {
    case "\u6267\u884C\u5B8C\u6BD5":
      return x < 0.88 ? true : x < 0.95 ? false : null;
    case ZB:
      return x < 0.05 ? true : x < 0.93 ? false : null;
    case "\u7EC8\u7ED3\u6267\u884C":
      return x < 0.3 ? true : x < 0.9 ? false : null;
    case null:
      return x < 0.45 ? true : x < 0.75 ? false : null;
    default:
      return x < 0.4 ? false : null;
  }
}
function sampleDuration(rng, closure, type, property, level) {
  const slow = level === "\u4E2D\u9662" ? 1.3 : 1;
  if (type === "\u6267\u884C\u4FDD\u5168") return rng.between(1, 30);
  switch (closure) {
    case "\u6267\u884C\u5B8C\u6BD5":
      return Math.min(900, Math.max(3, Math.round(rng.logNormal(property ? 55 : 90, 0.8) * slow)));
    case ZB:
      return Math.min(1e3, 92 + Math.round(rng.logNormal(50, 0.7) * slow));
    case "\u7EC8\u7ED3\u6267\u884C":
      return Math.min(900, Math.max(10, Math.round(rng.logNormal(100, 0.7) * slow)));
    default:
      return rng.between(5, 60);
  }
}
function sampleClaimed(rng, median, level, type) {
  const m = median * (level === "\u4E2D\u9662" ? 25 : 1) * (type === "\u6267\u884C\u4FDD\u5168" ? 2 : 1);
  const yuan = Math.min(3e9, Math.max(200, rng.logNormal(m, 1.4)));
  const x = rng.next();
  if (x < 0.35) return Math.max(100, Math.round(yuan / 100) * 100) * 100;
  if (x < 0.7) return Math.round(yuan) * 100;
  return Math.round(yuan * 100);
}
function recoveredShare(rng, closure) {
  const x = rng.next();
  switch (closure) {
    case "\u6267\u884C\u5B8C\u6BD5":
      return x < 0.85 ? 1 : x < 0.95 ? 0.6 + 0.39 * rng.next() : 1.01 + 0.14 * rng.next();
    case ZB:
      return x < 0.65 ? 0 : 0.01 + 0.49 * rng.next();
    case "\u7EC8\u7ED3\u6267\u884C":
      return x < 0.5 ? 0 : 0.05 + 0.55 * rng.next();
    case null:
      return x < 0.7 ? 0 : 0.1 + 0.5 * rng.next();
    default:
      return 0;
  }
}
function randomPlan(rng, court2, filed, asOf, median) {
  const type = caseType(rng);
  let closure = sampleClosure(rng, type);
  let property = sampleProperty(rng, closure);
  let dur = sampleDuration(rng, closure, type, property, court2.spec.level);
  let defect = null;
  if (closure === ZB && rng.chance(0.08)) {
    defect = rng.pick(ZB_DEFECTS);
    if (defect === "short") dur = rng.between(30, 88);
  }
  let closed = filed + dur;
  if (closed > asOf) {
    closed = null;
    closure = null;
    defect = null;
    if (rng.chance(0.3)) property = null;
  }
  const claimed = sampleClaimed(rng, median, court2.spec.level, type);
  const recovered = Math.round(claimed * recoveredShare(rng, closure));
  return { court: court2, type, filed, closure, closed, claimed, recovered, property, defect, extra: [], noRare: false };
}
function caseEvents(rng, p, asOf) {
  const out = [];
  const end = p.closed ?? asOf;
  const dur = end - p.filed;
  const zb = p.closure === ZB;
  const afterOk = (t) => t === "\u7EC8\u672C\u5DE1\u67E5" || t === "\u6062\u590D\u6267\u884C" || t === "\u4FE1\u8BBF" || t === "\u4FE1\u8BBF\u529E\u7ED3" || t === "\u6848\u6B3E\u53D1\u653E";
  const add = (type, day, amount, note) => {
    if (day === null || day < p.filed || day > asOf || day > end && !afterOk(type)) return false;
    const era = ERA[type];
    if (era !== void 0 && day < era) return false;
    const ev = { type, date: dayText(day) };
    if (amount !== void 0) ev.amount = amount / 100;
    if (note !== void 0) ev.note = note;
    out.push({ day, ev });
    return true;
  };
  const within = (lo, hi) => lo > dur ? null : p.filed + rng.between(lo, Math.min(hi, dur));
  const has = (t) => out.some((e) => e.ev.type === t);
  if (p.type !== "\u6267\u884C\u4FDD\u5168") {
    const notice = rng.chance(0.97) ? within(0, 3) : within(4, 10);
    add("\u6267\u884C\u901A\u77E5", notice);
    if (!(zb && p.defect === "no-report")) add("\u62A5\u544A\u8D22\u4EA7\u4EE4", notice === null ? null : rng.chance(0.7) ? notice : Math.min(end, notice + rng.between(1, 8)));
  }
  const x = rng.next();
  add("\u603B\u5BF9\u603B\u67E5\u63A7", x < 0.85 ? within(0, 3) : x < 0.97 ? within(4, 15) : within(16, 40));
  if (p.type !== "\u6267\u884C\u4FDD\u5168") {
    if (zb && p.defect !== "one-query" || !zb && rng.chance(0.75)) add("\u70B9\u5BF9\u70B9\u67E5\u63A7", rng.chance(0.8) ? within(3, 15) : within(16, 45));
    if (!zb || p.defect !== "one-query") {
      for (let t = rng.between(45, 90), k = 0; t <= dur && k < 6; t += rng.between(60, 90), k++) add("\u603B\u5BF9\u603B\u67E5\u63A7", p.filed + t);
    }
    if (zb ? p.defect !== "no-traditional" : dur > 20 && rng.chance(0.55)) add("\u4F20\u7EDF\u67E5\u63A7", within(10, 80));
    if (zb ? p.defect !== "no-restriction" : dur > 30 && rng.chance(0.6)) add("\u9650\u5236\u6D88\u8D39", within(15, 60));
    const creditP = zb ? 0.7 : p.closure === "\u7EC8\u7ED3\u6267\u884C" ? 0.3 : dur > 60 ? 0.25 : 0;
    if (rng.chance(creditP) && add("\u7EB3\u5165\u5931\u4FE1", within(20, 90)) && p.closure === "\u6267\u884C\u5B8C\u6BD5") add("\u5C4F\u853D\u5931\u4FE1", p.closed);
    if (zb && p.defect !== "no-interview" && p.closed !== null) add("\u7EA6\u8C08", p.closed - rng.between(0, Math.min(20, dur)));
    else if (p.closed !== null && dur > 30 && rng.chance(0.1)) add("\u7EA6\u8C08", within(10, dur));
    if (!p.noRare) {
      if (dur > 20 && rng.chance(5e-3)) add("\u62D8\u4F20", within(15, dur));
      if (dur > 20 && rng.chance(0.02)) add("\u62D8\u7559", within(15, dur), void 0, `${rng.pick([5, 10, 15])}\u65E5`);
      if (dur > 20 && rng.chance(6e-3)) add("\u7F5A\u6B3E", within(15, dur));
      if (dur > 20 && rng.chance(4e-3)) add("\u641C\u67E5", within(15, dur));
      if (dur > 30 && rng.chance(3e-3)) add("\u60AC\u8D4F", within(30, dur));
      if (dur > 60 && rng.chance(3e-3)) add("\u79FB\u9001\u516C\u5B89", within(60, 300), void 0, "\u6D89\u5ACC\u62D2\u4E0D\u6267\u884C\u5224\u51B3\u3001\u88C1\u5B9A\u7F6A");
    }
    if (p.property === true && p.claimed >= 3e7 && dur > 90 && rng.chance(0.35)) {
      const appraisal = within(30, Math.max(30, dur - 40));
      if (add("\u8BC4\u4F30", appraisal) && appraisal !== null) add("\u62CD\u5356", appraisal + rng.between(20, 45));
    }
    if (dur > 183 && rng.chance(0.6)) add("\u5EF6\u671F", within(150, 182));
    if (dur > 274 && has("\u5EF6\u671F") && rng.chance(0.5)) add("\u5EF6\u671F", within(240, 272));
  }
  if (p.recovered > 0) {
    const k = p.recovered < 100 ? 1 : rng.weighted([60, 30, 10]) + 1;
    const cuts = [];
    for (let i = 1; i < k; i++) cuts.push(Math.floor(rng.next() * p.recovered));
    cuts.push(p.recovered);
    sortNumbers(cuts);
    let parts = cuts.map((c, i) => c - (i === 0 ? 0 : cuts[i - 1]));
    if (parts.some((x2) => x2 <= 0)) parts = [p.recovered];
    const k2 = parts.length;
    const days = [];
    for (let i = 0; i < k2; i++) days.push(p.filed + rng.between(Math.min(5, dur), dur));
    sortNumbers(days);
    if (p.closure === "\u6267\u884C\u5B8C\u6BD5" && p.closed !== null) days[k2 - 1] = Math.max(days[k2 - 1], p.closed - rng.between(0, Math.min(10, dur)));
    days.forEach((d, i) => {
      add("\u6848\u6B3E\u5230\u8D26", d, parts[i]);
      const y = rng.next();
      if (y < 0.97) add("\u6848\u6B3E\u53D1\u653E", d + (y < 0.88 ? rng.between(1, 25) : rng.between(26, 60)), parts[i]);
    });
  }
  if (!p.noRare && rng.chance(0.015)) {
    const visit = p.filed + rng.between(30, Math.max(30, dur + 60));
    if (add("\u4FE1\u8BBF", visit) && rng.chance(0.92)) add("\u4FE1\u8BBF\u529E\u7ED3", visit + rng.between(5, 60));
  }
  if (zb && p.closed !== null) {
    if (rng.chance(0.5)) {
      for (let t = p.closed + rng.between(170, 190); t <= Math.min(asOf, addMonths(p.closed, 60)); t += rng.between(170, 190)) add("\u7EC8\u672C\u5DE1\u67E5", t);
    }
    if (rng.chance(0.06)) add("\u6062\u590D\u6267\u884C", p.closed + rng.between(180, 900));
  }
  for (const e of p.extra) add(e.type, e.day, void 0, e.note);
  for (let i = 1; i < out.length; i++) {
    const x2 = out[i];
    let j = i - 1;
    while (j >= 0 && out[j].day > x2.day) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = x2;
  }
  return out.map((e) => e.ev);
}
function sortNumbers(a) {
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}
function tagsFor(rng, claimed) {
  const tags = [];
  if (rng.chance(claimed < 2e7 ? 0.06 : 0.01)) tags.push("\u6D89\u6C11\u751F");
  if (rng.chance(5e-3)) tags.push("\u6D89\u515A\u653F\u673A\u5173");
  return tags.length > 0 ? tags : void 0;
}
function buildCase(rng, p, asOf) {
  const c = p.court;
  const h = pickHandler(rng, c.handlerCum);
  const tags = tagsFor(rng, p.claimed);
  const events = caseEvents(rng, p, asOf);
  const rec = {
    id: nextId(c, p.type, p.filed),
    court: c.spec.name,
    type: p.type,
    filed: dayText(p.filed),
    closed: p.closed === null ? null : dayText(p.closed),
    closure: p.closure,
    claimed: p.claimed / 100,
    recovered: p.recovered / 100,
    property: p.property,
    handler: c.handlers[h]
  };
  if (c.teams) rec.team = c.teams[h];
  if (tags) rec.tags = tags;
  rec.events = events;
  return rec;
}
var MONTH_WEIGHT = [1, 0.65, 1.05, 1, 1, 1.05, 1.1, 1, 1, 0.85, 1.05, 1.1];
function dayWeight(day) {
  const dow = ((day + 4) % 7 + 7) % 7;
  return dow === 0 || dow === 6 ? 0.08 : 1;
}
function fileDays(rng, lo, hi, k) {
  const weights = [];
  for (let d = lo; d <= hi; d++) weights.push(dayWeight(d));
  const cum = [];
  let acc = 0;
  for (const w of weights) cum.push(acc += w);
  const out = [];
  for (let i = 0; i < k; i++) {
    const x = rng.next() * acc;
    let a = 0, b = cum.length - 1;
    while (a < b) {
      const m = a + b >> 1;
      if (cum[m] > x) b = m;
      else a = m + 1;
    }
    out.push(lo + a);
  }
  return out.sort((x, y) => x - y);
}
function months(from, to, growth) {
  const out = [];
  const startYear = Number(formatDay(from).slice(0, 4));
  for (let first = DAY(`${formatDay(from).slice(0, 7)}-01`); first <= to; first = addMonths(first, 1)) {
    const next = addMonths(first, 1);
    const lo = Math.max(first, from), hi = Math.min(next - 1, to);
    const ym = formatDay(first);
    const y = Number(ym.slice(0, 4)), m = Number(ym.slice(5, 7));
    out.push({ lo, hi, weight: MONTH_WEIGHT[m - 1] * growth ** (y - startYear) * ((hi - lo + 1) / (next - first)) });
  }
  return out;
}
function* generateCases(opts) {
  const r = resolveOptions(opts);
  const rng = new Rng(`cases:${opts.preset}:${r.seed}`);
  if (r.preset === null) {
    yield* fujin2011Cases(rng);
    return;
  }
  const preset = r.preset;
  const courts = preset.courts.map((c) => courtCtx(c, preset.teams));
  const ms = months(r.from, r.to, preset.growth);
  const cellWeights = [];
  for (const m of ms) for (const c of courts) cellWeights.push(m.weight * c.spec.weight);
  const counts = apportion(r.cases, cellWeights);
  let cell = 0;
  for (const m of ms) {
    for (const c of courts) {
      const k = counts[cell++];
      if (k === 0) continue;
      for (const filed of fileDays(rng, m.lo, m.hi, k)) {
        yield buildCase(rng, randomPlan(rng, c, filed, r.asOf, preset.medianClaimed), r.asOf);
      }
    }
  }
}
function* generateRows(opts) {
  const fraction = opts.broken ?? 0;
  const rng = new Rng(`broken:${opts.preset}:${String(opts.seed ?? 1)}`);
  let previousId = null;
  for (const rec of generateCases(opts)) {
    if (fraction > 0 && rng.chance(fraction)) {
      yield breakRecord(rng, rec, previousId);
    } else {
      yield rec;
    }
    previousId = rec.id;
  }
}
function isBrokenRow(row) {
  return "defect" in row;
}
function breakRecord(rng, rec, previousId) {
  const v = JSON.parse(JSON.stringify(rec));
  let defect = rng.pick(DEFECTS);
  if (defect === "duplicate-id" && previousId === null) defect = "negative-money";
  const year = rec.filed.slice(0, 4);
  switch (defect) {
    case "impossible-date":
      v.filed = rng.chance(0.5) ? `${year}-02-30` : `${year}-04-31`;
      break;
    case "closed-before-filed": {
      v.closed = formatDay(DAY(rec.filed) - rng.between(1, 40));
      v.closure = rec.closure ?? "\u6267\u884C\u5B8C\u6BD5";
      v.events = [];
      break;
    }
    case "negative-money":
      v.claimed = -Math.max(1, rec.claimed);
      break;
    case "three-decimals":
      v.recovered = Math.floor(rec.recovered) + 0.125;
      break;
    case "unknown-closure":
      v.closed = rec.closed ?? rec.filed;
      v.closure = rng.pick(["\u548C\u89E3\u7ED3\u6848", "\u4E2D\u6B62\u6267\u884C", "\u6267\u7ED3"]);
      break;
    case "missing-court":
      delete v.court;
      break;
    case "event-after-closed": {
      const closed = rec.closed ?? formatDay(DAY(rec.filed) + 30);
      v.closed = closed;
      v.closure = rec.closure ?? "\u6267\u884C\u5B8C\u6BD5";
      v.events.push({ type: "\u62D8\u7559", date: formatDay(DAY(closed) + rng.between(1, 20)), note: "15\u65E5" });
      break;
    }
    case "closure-without-closed":
      v.closed = null;
      v.closure = rec.closure ?? ZB;
      break;
    case "duplicate-id":
      v.id = previousId;
      break;
    case "unknown-event-type":
      v.events.push({ type: rng.pick(["\u67E5\u5C01", "\u51BB\u7ED3", "\u6263\u5212"]), date: rec.filed });
      break;
    case "malformed":
      break;
  }
  return { defect, value: v };
}
var FUJIN_CLOSURES_2011 = [["\u6267\u884C\u5B8C\u6BD5", 250], ["\u7EC8\u7ED3\u6267\u884C", 45], [ZB, 70], ["\u9500\u6848", 8], ["\u4E0D\u4E88\u6267\u884C", 5], ["\u9A73\u56DE\u7533\u8BF7", 5]];
var FUJIN_CLOSURES_2010 = [["\u6267\u884C\u5B8C\u6BD5", 205], ["\u7EC8\u7ED3\u6267\u884C", 40], [ZB, 68], ["\u9500\u6848", 7], ["\u4E0D\u4E88\u6267\u884C", 4], ["\u9A73\u56DE\u7533\u8BF7", 4]];
function* fujin2011Cases(rng) {
  const asOf = DAY("2012-03-31");
  const court2 = courtCtx(PRESETS.fujin.courts[0], false);
  const plans = [];
  const span = (g) => {
    const out = [];
    for (const filed of fileDays(rng, DAY(g.filedFrom), DAY(g.filedTo), g.n)) {
      out.push({ court: court2, type: rng.chance(0.92) ? "\u9996\u6267" : "\u6062\u590D\u6267\u884C", filed, closure: null, closed: null, claimed: 0, recovered: 0, property: null, defect: null, extra: [], noRare: true });
    }
    return out;
  };
  const close = (cases, closures, from, to) => {
    const lo = DAY(from), hi = DAY(to);
    const zbCount = closures.filter((c) => c === ZB).length;
    const others = shuffle(rng, closures.filter((c) => c !== ZB));
    const roomy = shuffle(rng, cases.filter((p) => p.filed + 92 <= hi));
    const zbCases = new Set(roomy.slice(0, zbCount));
    let k = 0;
    for (const p of cases) {
      const closure = zbCases.has(p) ? ZB : others[k++];
      p.closure = closure;
      p.property = sampleProperty(rng, closure);
      const dur = sampleDuration(rng, closure, p.type, p.property, "\u57FA\u5C42");
      const earliest = Math.max(lo, p.filed + (closure === ZB ? 92 : 1));
      let closed = Math.max(earliest, p.filed + dur);
      if (closed > hi) closed = earliest <= hi ? rng.between(earliest, hi) : hi;
      p.closed = Math.max(closed, p.filed);
    }
  };
  const expand = (mix) => mix.flatMap(([c, n]) => Array(n).fill(c));
  const g0 = span({ n: 60, filedFrom: "2009-01-05", filedTo: "2009-10-31" });
  close(g0, g0.map(() => sampleClosure(rng, "\u9996\u6267")), "2009-01-06", "2009-12-31");
  for (const p of g0) {
    p.claimed = sampleClaimed(rng, 3e4, "\u57FA\u5C42", p.type);
    p.recovered = Math.round(p.claimed * recoveredShare(rng, p.closure));
  }
  const g1 = span({ n: 12, filedFrom: "2009-09-01", filedTo: "2009-12-31" });
  const g2 = span({ n: 316, filedFrom: "2010-01-04", filedTo: "2010-12-24" });
  const closures2010 = shuffle(rng, expand(FUJIN_CLOSURES_2010));
  close(g1, closures2010.slice(0, 12), "2010-01-04", "2010-08-31");
  close(g2, closures2010.slice(12), "2010-01-05", "2010-12-31");
  const g3 = span({ n: 15, filedFrom: "2010-07-01", filedTo: "2010-12-31" });
  const g4 = span({ n: 368, filedFrom: "2011-01-04", filedTo: "2011-12-16" });
  const closures2011 = shuffle(rng, expand(FUJIN_CLOSURES_2011));
  close(g3, closures2011.slice(0, 15), "2011-01-04", "2011-09-30");
  close(g4, closures2011.slice(15), "2011-01-05", "2011-12-31");
  const g5 = span({ n: 3, filedFrom: "2011-10-17", filedTo: "2011-12-20" });
  close(g5.slice(0, 2), ["\u6267\u884C\u5B8C\u6BD5", "\u6267\u884C\u5B8C\u6BD5"], "2012-02-01", "2012-03-30");
  for (const p of g5) p.property = true;
  const g6 = span({ n: 25, filedFrom: "2012-01-04", filedTo: "2012-03-20" });
  for (const p of g6) {
    const q = randomPlan(rng, court2, p.filed, asOf, 3e4);
    Object.assign(p, { type: p.type, closure: q.closure, closed: q.closed, claimed: q.claimed, recovered: q.recovered, property: q.property });
  }
  fixAmounts(rng, [...g1, ...g2], 1798e4, 10138240, 0.5);
  fixAmounts(rng, [...g3, ...g4], 2046e4, 17922960, 0.85);
  const big = apportion(203e4 - 3 * 5e4, g5.map(() => 0.5 + rng.next())).map((x) => x + 5e4);
  g5.forEach((p, i) => {
    p.claimed = big[i] * 100;
    p.recovered = p.closure === "\u6267\u884C\u5B8C\u6BD5" ? p.claimed : 0;
  });
  const inWindow = (p) => Math.min(p.closed ?? DAY("2011-12-31"), DAY("2011-12-31")) - Math.max(p.filed, DAY("2010-01-01"));
  const candidates = shuffle(rng, [...g1, ...g2, ...g3, ...g4, ...g5]);
  const detained = candidates.filter((p) => inWindow(p) >= 20).slice(0, 86);
  detained.forEach((p, i) => {
    const lo = Math.max(p.filed, DAY("2010-01-01")) + 10;
    const hi = Math.min(p.closed ?? DAY("2011-12-31"), DAY("2011-12-31")) - 1;
    const day = rng.between(lo, hi);
    p.extra.push({ type: "\u62D8\u7559", day, note: `${rng.pick([5, 10, 15])}\u65E5` });
    if (i < 11) p.extra.push({ type: "\u7F5A\u6B3E", day: Math.min(day + 1, hi) });
  });
  const petitioned = candidates.filter((p) => inWindow(p) >= 45 && !detained.includes(p)).slice(0, 8);
  for (const p of petitioned) {
    const lo = Math.max(p.filed, DAY("2010-01-01")) + 5;
    const day = rng.between(lo, lo + inWindow(p) - 25);
    p.extra.push({ type: "\u4FE1\u8BBF", day }, { type: "\u4FE1\u8BBF\u529E\u7ED3", day: day + rng.between(3, 18) });
  }
  plans.push(...g0, ...g1, ...g2, ...g3, ...g4, ...g5, ...g6);
  plans.sort((a, b) => a.filed - b.filed);
  for (const p of plans) yield buildCase(rng, p, asOf);
}
function shuffle(rng, items) {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
function fixAmounts(rng, cases, total, recovered, fullShare) {
  const full = cases.filter((p) => p.closure === "\u6267\u884C\u5B8C\u6BD5");
  const rest = cases.filter((p) => p.closure !== "\u6267\u884C\u5B8C\u6BD5");
  const totalFull = Math.round(total * fullShare);
  const spread = (items, sum, floor) => {
    const parts2 = apportion(sum - floor * items.length, items.map(() => Math.exp(1.3 * rng.normal())));
    items.forEach((p, i) => p.claimed = (parts2[i] + floor) * 100);
  };
  spread(full, totalFull, 800);
  spread(rest, total - totalFull, 800);
  for (const p of full) p.recovered = p.claimed;
  for (const p of rest) p.recovered = 0;
  const eligible = rest.filter((p) => p.closure === "\u7EC8\u7ED3\u6267\u884C" || p.closure === ZB && rng.chance(0.4));
  const caps = eligible.map((p) => p.claimed / 100);
  const parts = apportion(recovered - totalFull, eligible.map((p) => p.claimed / 100 * (0.1 + 0.6 * rng.next())), caps);
  eligible.forEach((p, i) => p.recovered = parts[i] * 100);
}
var NINGBO_DELIVERABLES = [
  { task: "\u56DB.1", due: "2018-04-15", by: "\u5E02\u4E2D\u9662\u653F\u6CBB\u90E8", evidence: "\u5168\u5E02\u6CD5\u9662\u6267\u884C\u4EBA\u5458\u914D\u7F6E\u60C5\u51B5\u8868" },
  { task: "\u56DB.2", due: "2018-04-30", by: "\u5E02\u4E2D\u9662\u6267\u884C\u5C40", evidence: "\u6267\u884C\u6307\u6325\u4E2D\u5FC3\u5B9E\u4F53\u5316\u8FD0\u4F5C\u5DE5\u4F5C\u65B9\u6848", late: 3 },
  { task: "\u56DB.3", milestone: "\u5EFA\u7ACB\u7EC8\u672C\u6848\u4EF6\u6E05\u5355\u5F0F\u7ED3\u6848\u7BA1\u7406\u5236\u5EA6,\u843D\u5B9E\u7BA1\u7406\u4E13\u4EBA", due: "2018-04-30", by: "\u5415\u5B87", evidence: "\u7EC8\u672C\u6848\u4EF6\u7ED3\u6848\u6E05\u5355\u53CA\u7BA1\u7406\u4E13\u4EBA\u540D\u5355" },
  { task: "\u56DB.3", milestone: "\u5B8C\u62102016\u5E741\u670831\u65E5\u4EE5\u6765\u7ED3\u6848\u7684\u6240\u6709\u7EC8\u672C\u6848\u4EF6\u6838\u67E5\u548C\u4FE1\u606F\u8865\u5F55", due: "2018-06-30", by: "\u5415\u5B87", evidence: "\u7EC8\u672C\u6848\u4EF6\u6838\u67E5\u62A5\u544A", late: 12 },
  { task: "\u56DB.4", milestone: "\u6BCF\u6CD5\u9662\u81F3\u5C11\u5411\u516C\u5B89\u5C40\u79FB\u90012\u6848\u4FA6\u67E5\u7EBF\u7D22", due: "2018-05-30", by: "\u5E02\u4E2D\u9662\u6267\u884C\u5C40", evidence: "\u79FB\u9001\u516C\u5B89\u4FA6\u67E5\u6848\u4EF6\u6E05\u5355" },
  { task: "\u56DB.4", milestone: "\u4FEE\u6539\u5B8C\u5584\u62D2\u4E0D\u6267\u884C\u5224\u51B3\u3001\u88C1\u5B9A\u7F6A\u8BA4\u5B9A\u89C4\u8303\u6027\u6587\u4EF6", due: "2018-05-31", by: "\u5E02\u4E2D\u9662\u5211\u4E8B\u5BA1\u5224\u4E2D\u5FC3", evidence: "\u62D2\u6267\u7F6A\u8BA4\u5B9A\u89C4\u8303\u6027\u6587\u4EF6\uFF08\u4FEE\u8BA2\u7A3F\uFF09" },
  { task: "\u56DB.4", milestone: "\u96C6\u4E2D\u5BA3\u5224\u4E00\u6279\u62D2\u4E0D\u6267\u884C\u5224\u51B3\u3001\u88C1\u5B9A\u7F6A\u6848\u4EF6,\u5E76\u540C\u65F6\u53EC\u5F00\u62D2\u6267\u7C7B\u6848\u4EF6\u5BA1\u5224\u60C5\u51B5\u65B0\u95FB\u53D1\u5E03\u4F1A", due: "2018-07-31", by: "\u5E02\u4E2D\u9662\u529E\u516C\u5BA4", evidence: "\u65B0\u95FB\u53D1\u5E03\u4F1A\u901A\u7A3F", late: 3 },
  { task: "\u56DB.5", milestone: "\u5B8C\u6210\u7504\u522B\u5DE5\u4F5C\u548C\u79EF\u6848\u6E05\u7406\u5DE5\u4F5C", due: "2018-05-31", by: "\u5E02\u4E2D\u9662\u6267\u884C\u5C40", evidence: "\u6709\u8D22\u4EA7\u53EF\u4F9B\u6267\u884C\u79EF\u6848\u6E05\u7406\u53F0\u8D26" },
  { task: "\u56DB.6", milestone: "\u57FA\u672C\u5B8C\u6210\u4FE1\u8BBF\u79EF\u6848\u5316\u89E3\u5DE5\u4F5C", due: "2018-07-20", by: "\u5E02\u4E2D\u9662\u6267\u884C\u5C40", evidence: "", missing: true },
  { task: "\u56DB.7", milestone: "\u57FA\u672C\u5B8C\u6210\u6267\u884C\u6B3E\u6E05\u7406\u5DE5\u4F5C", due: "2018-05-20", by: "\u5E02\u4E2D\u9662\u884C\u88C5\u5904", evidence: "\u6267\u884C\u6B3E\u6E05\u7406\u60C5\u51B5\u62A5\u544A" },
  { task: "\u56DB.9", milestone: "\u5B8C\u6210\u7B2C\u4E00\u6B21\u7763\u5BFC", due: "2018-04-30", by: "\u6234\u9F99\u519B", evidence: "\u7763\u5BFC\u60C5\u51B5\u901A\u62A5" },
  { task: "\u56DB.10", due: "2018-12-31", by: "\u5E02\u4E2D\u9662\u529E\u516C\u5BA4", evidence: "", missing: true }
];
function generateProgress(presetName) {
  if (presetName !== "ningbo") throw new GenError(`no progress reports for preset "${presetName}" (only ningbo has a plan with dated deliverables here)`);
  const rng = new Rng("progress:ningbo");
  const out = [];
  for (const d of NINGBO_DELIVERABLES) {
    if (d.missing) continue;
    const due = DAY(d.due);
    const done = d.late ? due + d.late : due - rng.between(0, 6);
    const r = d.milestone === void 0 ? { task: d.task, done: formatDay(done), by: d.by, evidence: d.evidence } : { task: d.task, milestone: d.milestone, done: formatDay(done), by: d.by, evidence: d.evidence };
    out.push(r);
  }
  for (const c of PRESETS.ningbo.courts.slice(1)) {
    if (c.name.startsWith("\u8C61\u5C71")) continue;
    const late = c.name.includes("\u5317\u4ED1");
    out.push({ task: "\u56DB.1", done: formatDay(late ? DAY("2018-04-26") : DAY("2018-04-15") - rng.between(0, 8)), by: c.name, evidence: "\u6267\u884C\u4EBA\u5458\u914D\u7F6E\u60C5\u51B5\u8868" });
  }
  return out.sort((a, b) => a.done < b.done ? -1 : a.done > b.done ? 1 : 0);
}
function generateStaffing(opts) {
  const name = opts.preset === FUJIN2011 ? "fujin" : opts.preset;
  const preset = PRESETS[name];
  if (!preset) throw new GenError(`unknown preset "${opts.preset}" (known: ${presetNames().join(", ")})`);
  const p0 = DAY(preset.from), p1 = DAY(preset.to);
  const from = parseIsoDay(opts.from ?? preset.from), to = parseIsoDay(opts.to ?? preset.to);
  if (from === null || to === null) throw new GenError("from and to must be dates YYYY-MM-DD");
  const out = [];
  const y0 = Number(formatDay(from).slice(0, 4)), y1 = Number(formatDay(to).slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    for (const md of ["06-30", "12-31"]) {
      const d = DAY(`${y}-${md}`);
      if (d < from || d > to) continue;
      const t = Math.min(1, Math.max(0, (d - p0) / Math.max(1, p1 - p0)));
      for (const c of preset.courts) {
        const share = c.ratio[0] + (c.ratio[1] - c.ratio[0]) * t;
        const staff = Math.round(c.quota * share);
        out.push({ court: c.name, date: formatDay(d), \u6267\u884C\u4EBA\u5458: staff, \u653F\u6CD5\u7F16\u5236: c.quota, \u5458\u989D\u6CD5\u5B98: Math.round(staff * 0.3) });
      }
    }
  }
  return out;
}

// src/engine/data/serialize.ts
var quoted = /* @__PURE__ */ new Map();
function str(s) {
  let q = quoted.get(s);
  if (q === void 0) {
    q = JSON.stringify(s);
    if (quoted.size > 5e4) quoted.clear();
    quoted.set(s, q);
  }
  return q;
}
function caseJson(rec) {
  let s = `{"id":${JSON.stringify(rec.id)},"court":${str(rec.court)},"type":${str(rec.type)},"filed":${str(rec.filed)},"closed":${rec.closed === null ? "null" : str(rec.closed)},"closure":${rec.closure === null ? "null" : str(rec.closure)},"claimed":${JSON.stringify(rec.claimed)},"recovered":${JSON.stringify(rec.recovered)},"property":${rec.property === null ? "null" : rec.property},"handler":${str(rec.handler)}`;
  if (rec.team !== void 0) s += `,"team":${str(rec.team)}`;
  if (rec.tags !== void 0) s += `,"tags":[${rec.tags.map(str).join(",")}]`;
  s += ',"events":[';
  const evs = rec.events;
  for (let i = 0; i < evs.length; i++) {
    const e = evs[i];
    if (i > 0) s += ",";
    s += `{"type":${str(e.type)},"date":${str(e.date)}`;
    if (e.amount !== void 0) s += `,"amount":${JSON.stringify(e.amount)}`;
    if (e.note !== void 0) s += `,"note":${str(e.note)}`;
    s += "}";
  }
  return `${s}]}`;
}

// src/engine/data/tabular.ts
var CASE_CSV_HEADER = [
  "\u6848\u53F7",
  "\u6CD5\u9662",
  "\u6848\u4EF6\u7C7B\u578B",
  "\u7ACB\u6848\u65E5\u671F",
  "\u7ED3\u6848\u65E5\u671F",
  "\u7ED3\u6848\u65B9\u5F0F",
  "\u7533\u8BF7\u6267\u884C\u6807\u7684",
  "\u5B9E\u9645\u5230\u4F4D\u91D1\u989D",
  "\u6709\u8D22\u4EA7\u53EF\u4F9B\u6267\u884C",
  "\u627F\u529E\u4EBA",
  "\u6267\u884C\u56E2\u961F",
  "\u6807\u7B7E",
  "\u4E8B\u4EF6"
];
function moneyText(v) {
  return typeof v === "number" ? String(v) : v === void 0 || v === null ? "" : String(v);
}
function caseToCells(rec) {
  const r = rec;
  const s = (v) => v === void 0 || v === null ? "" : String(v);
  const events = Array.isArray(r.events) ? r.events : [];
  const evText = events.map((e) => {
    let t = `${s(e.type)}@${s(e.date)}`;
    if (e.amount !== void 0) t += `:${moneyText(e.amount)}`;
    if (e.note !== void 0) t += `#${s(e.note)}`;
    return t;
  }).join(";");
  return [
    s(r.id),
    s(r.court),
    s(r.type),
    s(r.filed),
    s(r.closed),
    s(r.closure),
    moneyText(r.claimed),
    moneyText(r.recovered),
    r.property === true ? "\u662F" : r.property === false ? "\u5426" : "",
    s(r.handler),
    s(r.team),
    Array.isArray(r.tags) ? r.tags.join("\u3001") : "",
    evText
  ];
}
function csvLine(cells) {
  return cells.map((c) => /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c).join(",") + "\r\n";
}

// src/harness/io.ts
var EXIT_OK = 0;
var EXIT_CANNOT_RUN = 2;
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};

// src/harness/commands/gen.ts
var GEN_HELP = `luoshi gen --preset NAME [options]

  Generates example enforcement cases (and progress reports, staffing) for a preset's courts.
  The same arguments always give the same bytes.

  --preset NAME            ${presetNames().join(" | ")}
  --cases N                number of cases (default: the preset's)
  --seed S                 random seed (default 1)
  --from YYYY-MM-DD        first filing date (default: the preset's)
  --to YYYY-MM-DD          last filing date (default: the preset's)
  --as-of YYYY-MM-DD       nothing later is generated (default: --to)
  --out PATH               cases file, or - for stdout (default -)
  --format ndjson|csv|json cases format (default: by --out's extension, else ndjson)
  --encoding utf8|gbk      output encoding (default utf8)
  --progress-out PATH      also write the preset plan's progress reports (NDJSON)
  --staffing-out PATH      also write the courts' staffing (NDJSON)
  --broken FRACTION        replace this fraction of rows with deliberately bad ones (for tests)

  Only --progress-out or --staffing-out without --out writes no cases.`;
var Output = class _Output {
  constructor(stream, io, gbk) {
    this.stream = stream;
    this.io = io;
    this.gbk = gbk;
    stream?.on("error", (e) => this.failure = e);
  }
  stream;
  io;
  gbk;
  buf = Buffer.allocUnsafe(1 << 20);
  used = 0;
  /** Text waiting for stdout. */
  pending = [];
  pendingSize = 0;
  failure = null;
  /** Opens the file at once, so a bad path fails before anything is generated. */
  static open(path, io, gbk) {
    if (path === "-") {
      if (gbk) throw new UsageError("--encoding gbk \u9700\u8981 --out \u6587\u4EF6 / --encoding gbk needs an --out file");
      return new _Output(null, io, gbk);
    }
    const fd = openSync(resolve(io.cwd, path), "w");
    return new _Output(createWriteStream("", { fd }), io, gbk);
  }
  async write(s) {
    if (this.stream === null) {
      this.pending.push(s);
      this.pendingSize += s.length;
      if (this.pendingSize >= 1 << 16) this.flushText();
      return;
    }
    const bytes = this.gbk ? iconv.encode(s, "gb18030") : null;
    const max = bytes ? bytes.length : s.length * 3;
    if (this.used + max > this.buf.length) await this.flush();
    if (max > this.buf.length) {
      await this.put(bytes ?? Buffer.from(s, "utf8"));
      return;
    }
    if (bytes) this.used += bytes.copy(this.buf, this.used);
    else this.used += this.buf.write(s, this.used, "utf8");
  }
  flushText() {
    if (this.pending.length === 0) return;
    this.io.stdout(this.pending.join(""));
    this.pending = [];
    this.pendingSize = 0;
  }
  async flush() {
    this.flushText();
    if (this.used === 0) return;
    const chunk = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.used = 0;
    await this.put(chunk);
  }
  async put(chunk) {
    const s = this.stream;
    if (this.failure) throw this.failure;
    if (!s.write(chunk)) {
      await new Promise((res, rej) => {
        const done = (e) => {
          s.off("drain", done);
          s.off("error", done);
          if (e) rej(e);
          else res();
        };
        s.on("drain", done);
        s.on("error", done);
      });
    }
  }
  async close() {
    await this.flush();
    const s = this.stream;
    if (s === null) return;
    if (this.failure) throw this.failure;
    await new Promise((res, rej) => {
      s.once("error", rej);
      s.end(() => res());
    });
  }
};
function rowText(row, format) {
  const broken = isBrokenRow(row) ? row : null;
  const value = isBrokenRow(row) ? row.value : row;
  if (format === "csv") {
    const cells = caseToCells(value);
    if (broken?.defect === "malformed") cells[12] = "\u6267\u884C\u901A\u77E52018-01-01;\u603B\u5BF9\u603B\u67E5\u63A7";
    return csvLine(cells);
  }
  const json = broken ? JSON.stringify(value) : caseJson(row);
  if (broken?.defect === "malformed") return format === "ndjson" ? json.slice(0, -12) : '{"id": }';
  return json;
}
function formatOf(values) {
  const f = values.format ?? (values.out?.toLowerCase().endsWith(".csv") ? "csv" : values.out?.toLowerCase().endsWith(".json") ? "json" : "ndjson");
  if (f !== "ndjson" && f !== "csv" && f !== "json") throw new UsageError(`--format \u53EA\u80FD\u662F ndjson\u3001csv \u6216 json / --format must be ndjson, csv or json, not "${f}"`);
  return f;
}
function number(v, what, integer) {
  if (v === void 0) return void 0;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || integer && !Number.isSafeInteger(n)) {
    throw new UsageError(`${what} \u5E94\u4E3A${integer ? "\u6574\u6570" : "\u6570"} / ${what} must be a ${integer ? "whole " : ""}number, not "${v}"`);
  }
  return n;
}
async function genCommand(args, io) {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: false,
        strict: true,
        options: {
          preset: { type: "string" },
          cases: { type: "string" },
          seed: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
          "as-of": { type: "string" },
          out: { type: "string" },
          format: { type: "string" },
          encoding: { type: "string" },
          "progress-out": { type: "string" },
          "staffing-out": { type: "string" },
          broken: { type: "string" },
          help: { type: "boolean", short: "h" }
        }
      });
    } catch (e) {
      throw new UsageError(`${e.message}\uFF08luoshi gen --help \u67E5\u770B\u7528\u6CD5 / see luoshi gen --help\uFF09`);
    }
    const v = parsed.values;
    if (v.help) {
      io.stdout(`${GEN_HELP}
`);
      return EXIT_OK;
    }
    if (v.preset === void 0) throw new UsageError(`\u7F3A\u5C11 --preset / --preset is required (${presetNames().join(", ")})`);
    const encoding = (v.encoding ?? "utf8").toLowerCase().replace(/[-_]/g, "");
    if (!["utf8", "gbk", "gb18030"].includes(encoding)) throw new UsageError(`--encoding \u53EA\u80FD\u662F utf8 \u6216 gbk / --encoding must be utf8 or gbk, not "${v.encoding}"`);
    const gbk = encoding !== "utf8";
    const opts = { preset: v.preset };
    const cases = number(v.cases, "--cases", true);
    if (cases !== void 0) opts.cases = cases;
    if (v.seed !== void 0) opts.seed = v.seed;
    if (v.from !== void 0) opts.from = v.from;
    if (v.to !== void 0) opts.to = v.to;
    if (v["as-of"] !== void 0) opts.asOf = v["as-of"];
    const broken = number(v.broken, "--broken", false);
    if (broken !== void 0) opts.broken = broken;
    resolveOptions(opts);
    const format = formatOf(v);
    const extraOnly = v.out === void 0 && (v["progress-out"] !== void 0 || v["staffing-out"] !== void 0);
    if (v["progress-out"] !== void 0) {
      const out = Output.open(v["progress-out"], io, gbk);
      for (const r of generateProgress(opts.preset)) await out.write(`${JSON.stringify(r)}
`);
      await out.close();
    }
    if (v["staffing-out"] !== void 0) {
      const out = Output.open(v["staffing-out"], io, gbk);
      for (const r of generateStaffing(opts)) await out.write(`${JSON.stringify(r)}
`);
      await out.close();
    }
    if (!extraOnly) {
      const target = v.out ?? "-";
      const out = Output.open(target, io, gbk);
      let n = 0;
      if (format === "csv") await out.write(csvLine(CASE_CSV_HEADER));
      if (format === "json") await out.write("[\n");
      for (const row of generateRows(opts)) {
        const text = rowText(row, format);
        await out.write(format === "json" ? `${n > 0 ? ",\n" : ""}${text}` : format === "ndjson" ? `${text}
` : text);
        n++;
      }
      if (format === "json") await out.write(n > 0 ? "\n]\n" : "]\n");
      await out.close();
      if (target !== "-") io.stderr(`\u5DF2\u751F\u6210 ${n} \u4EF6\u6848\u4EF6 \u2192 ${target} / wrote ${n} cases to ${target}
`);
    }
    return EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError || e instanceof GenError) {
      io.stderr(`luoshi gen: ${e.message}
`);
      return EXIT_CANNOT_RUN;
    }
    const err = e;
    if (err && typeof err.code === "string" && typeof err.path === "string") {
      io.stderr(`luoshi gen: \u65E0\u6CD5\u5199\u5165 / cannot write ${err.path}: ${err.code}
`);
      return EXIT_CANNOT_RUN;
    }
    throw e;
  }
}
export {
  GEN_HELP,
  genCommand
};

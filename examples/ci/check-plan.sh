#!/bin/sh
# check-plan.sh — the CI gate for a draft plan: compile and lint it, run its own tests, replay it against
# last year's data, and leave the reports (JUnit for the CI's test tab, HTML for people) in one folder.
#
#   sh examples/ci/check-plan.sh --data examples/data --from 2018-01-01 --to 2018-12-31 policies/ningbo-2018.plan
#
# Options
#   -d, --data PATH    last year's case data: a file, or a folder (its progress*/staffing* files are used too)
#   --from DATE        replay from (default: the plan's period start)
#   --to DATE          replay to (default: the plan's period end)
#   --step STEP        replay step: day, week or month (default: month)
#   --base PLAN        the plan as it stands (e.g. from the main branch): also report which outcomes change
#   -o, --out DIR      where the reports go (default: luoshi-reports)
#   --threshold N      fail when the plan's test coverage is below N percent
#   --strict           also fail when a due target is missed on the data, or (with --base) an outcome changes
#   -h, --help
#
# Reports in DIR: check.txt (compiler diagnostics), tests.txt and tests.xml (the plan's tests; JUnit),
# replay.html (indicators and targets over the range, with charts), diff.md (with --base),
# summary.md (also appended to $GITHUB_STEP_SUMMARY when set).
#
# Exit: 0 the plan is fine · 1 something regressed (errors in the plan, a failing test, low coverage;
# with --strict a missed target or a changed outcome) · 2 could not run (bad usage, missing files).
#
# The command is $LUOSHI (default: `luoshi` on PATH, else `npx --no-install luoshi`).

set -u

usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "check-plan: $*" >&2; exit 2; }

DATA='' FROM='' TO='' STEP=month BASE='' OUT=luoshi-reports THRESHOLD='' STRICT=0 PLAN=''
while [ $# -gt 0 ]; do
  case "$1" in
    -d|--data) [ $# -ge 2 ] || die "$1 needs a value"; DATA=$2; shift 2 ;;
    --from) [ $# -ge 2 ] || die "$1 needs a value"; FROM=$2; shift 2 ;;
    --to) [ $# -ge 2 ] || die "$1 needs a value"; TO=$2; shift 2 ;;
    --step) [ $# -ge 2 ] || die "$1 needs a value"; STEP=$2; shift 2 ;;
    --base) [ $# -ge 2 ] || die "$1 needs a value"; BASE=$2; shift 2 ;;
    -o|--out) [ $# -ge 2 ] || die "$1 needs a value"; OUT=$2; shift 2 ;;
    --threshold) [ $# -ge 2 ] || die "$1 needs a value"; THRESHOLD=$2; shift 2 ;;
    --strict) STRICT=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $1 (--help)" ;;
    *) [ -z "$PLAN" ] || die "only one plan, please ($PLAN and $1)"; PLAN=$1; shift ;;
  esac
done
[ -n "$PLAN" ] || { usage >&2; exit 2; }
[ -f "$PLAN" ] || die "no such plan file: $PLAN"
[ -n "$DATA" ] || die "--data is required (last year's case data)"
[ -e "$DATA" ] || die "no such data file or folder: $DATA"
[ -z "$BASE" ] || [ -f "$BASE" ] || die "no such base plan: $BASE"

if [ -z "${LUOSHI:-}" ]; then
  if command -v luoshi >/dev/null 2>&1; then LUOSHI=luoshi; else LUOSHI='npx --no-install luoshi'; fi
fi
# $LUOSHI may hold several words (e.g. "node bin/luoshi.js"): it is split on purpose.
luoshi() { $LUOSHI "$@"; }

mkdir -p "$OUT" || die "cannot create $OUT"
DATA_ARGS="--data $DATA"
if [ -d "$DATA" ]; then DATA_ARGS="$DATA_ARGS --progress $DATA --staffing $DATA"; fi
RANGE=''
[ -z "$FROM" ] || RANGE="$RANGE --from $FROM"
[ -z "$TO" ] || RANGE="$RANGE --to $TO"

failed=0
summary="$OUT/summary.md"
{
  echo "## luoshi: $PLAN"
  echo
  echo "| step | result |"
  echo "|---|---|"
} > "$summary"
row() { echo "| $1 | $2 |" >> "$summary"; }

# 1. Compile and lint.
echo "== luoshi check $PLAN"
luoshi check "$PLAN" > "$OUT/check.txt" 2>&1
rc=$?
cat "$OUT/check.txt"
case $rc in
  0) row check "✓ $(tail -n 1 "$OUT/check.txt")" ;;
  1) row check "✗ $(tail -n 1 "$OUT/check.txt")"; failed=1 ;;
  *) row check "could not run (exit $rc)"; echo "check-plan: luoshi check could not run" >&2; exit 2 ;;
esac

# 2. The plan's own tests (the *.test.yaml beside it).
TESTS="${PLAN%.plan}.test.yaml"
[ -f "$TESTS" ] || TESTS="${PLAN%.plan}.test.yml"
if [ -f "$TESTS" ]; then
  echo "== luoshi test $TESTS"
  COVERAGE=''
  [ -z "$THRESHOLD" ] || COVERAGE="--coverage --threshold $THRESHOLD"
  # shellcheck disable=SC2086
  luoshi test "$TESTS" --junit "$OUT/tests.xml" $COVERAGE > "$OUT/tests.txt" 2>&1
  rc=$?
  grep -v '^  ✓' "$OUT/tests.txt"
  case $rc in
    0) row tests "✓ $(grep -m 1 '^测试 tests:' "$OUT/tests.txt" | sed 's/^测试 tests: //')" ;;
    1) row tests "✗ $(grep -m 1 '^测试 tests:' "$OUT/tests.txt" | sed 's/^测试 tests: //') — see tests.txt"; failed=1 ;;
    *) row tests "could not run (exit $rc) — see tests.txt"; cat "$OUT/tests.txt" >&2; exit 2 ;;
  esac
else
  echo "check-plan: warning: no test file beside $PLAN (${PLAN%.plan}.test.yaml)" >&2
  row tests "— no test file"
fi

# 3. Replay against last year's data: the HTML report, and a text one for the log.
if luoshi replay --help >/dev/null 2>&1; then
  echo "== luoshi replay $PLAN$RANGE --step $STEP"
  # shellcheck disable=SC2086
  luoshi replay "$PLAN" $DATA_ARGS $RANGE --step "$STEP" --format html --out "$OUT/replay.html"
  rc=$?
  case $rc in
    0) row replay "✓ no due target missed — replay.html" ;;
    1) row replay "due targets missed on the data — replay.html"; [ "$STRICT" = 0 ] || failed=1 ;;
    *) row replay "could not run (exit $rc)"; exit 2 ;;
  esac
else
  echo "check-plan: warning: this luoshi has no replay command; no HTML report" >&2
  row replay "— not available in this luoshi"
fi

# 4. With --base: which outcomes the draft changes, on the same data.
if [ -n "$BASE" ]; then
  echo "== luoshi diff $BASE $PLAN"
  AS_OF=''
  [ -z "$TO" ] || AS_OF="--as-of $TO"
  # shellcheck disable=SC2086
  luoshi diff "$BASE" "$PLAN" $DATA_ARGS $AS_OF --format md > "$OUT/diff.md"
  rc=$?
  case $rc in
    0) row diff "✓ no outcome changes — diff.md" ;;
    1) row diff "outcomes change — diff.md"; [ "$STRICT" = 0 ] || failed=1 ;;
    *) row diff "could not run (exit $rc)"; exit 2 ;;
  esac
fi

[ -z "${GITHUB_STEP_SUMMARY:-}" ] || cat "$summary" >> "$GITHUB_STEP_SUMMARY"
echo
cat "$summary"
exit $failed

#!/bin/sh
# Times `contractc check` on the benchmark corpus of
# ../shared/bench/gen_corpus.py at N = 10, 100, 1000, 10000 models (N/10
# integrations, N/2 commands, their events), best of 3 wall-clock runs,
# next to the time libyaml alone takes to parse the same files (bench_load's
# libyaml-only pass, median of 3), and the ratio.  The corpus must check
# clean: a run with diagnostics is reported and fails the script.
#
# usage: run.sh CONTRACTC [BENCH_LOAD]
# environment: CORPUS_DIR (default /tmp/contractc-corpus, outside the
#   repository), GEN_CORPUS (default ../shared/bench/gen_corpus.py next to
#   the repository), SIZES (default "10 100 1000 10000"), RUNS (default 3).
set -eu
contractc=$1
bench_load=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${CORPUS_DIR:-/tmp/contractc-corpus}
gen=${GEN_CORPUS:-$here/../../../shared/bench/gen_corpus.py}
sizes=${SIZES:-10 100 1000 10000}
runs=${RUNS:-3}

missing=""
for n in $sizes; do
    [ -d "$corpus/N$n/specs" ] || missing="$missing,$n"
done
if [ -n "$missing" ]; then
    echo "generating the corpus in $corpus (N=${missing#,})"
    python3 "$gen" --out "$corpus" --sizes "${missing#,}" --payload-docs 10 >/dev/null
fi

now_ns() { date +%s%N; }

# best_of RUNS CMD...: the smallest wall-clock time of RUNS runs, seconds.
best_of() {
    count=$1
    shift
    best=""
    i=0
    while [ "$i" -lt "$count" ]; do
        start=$(now_ns)
        "$@" >/dev/null 2>&1 || true
        end=$(now_ns)
        elapsed=$((end - start))
        if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then
            best=$elapsed
        fi
        i=$((i + 1))
    done
    awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }'
}

printf '%-7s %9s %10s %12s %8s %s\n' N MB "check (s)" "libyaml (s)" ratio "diagnostics"
status=0
for n in $sizes; do
    specs=$corpus/N$n/specs
    mb=$(du -sk "$specs" | awk '{ printf "%.1f", $1 / 1024 }')
    summary=$("$contractc" check "$specs" 2>&1 | tail -n 1)
    case "$summary" in
        "0 errors, 0 warnings in "*) ;;
        *) status=1 ;;
    esac
    check=$(best_of "$runs" "$contractc" check --quiet "$specs")
    yaml="-"
    ratio="-"
    if [ -n "$bench_load" ]; then
        yaml=$("$bench_load" --repeat "$runs" "$specs" | awk '/^libyaml only:/ { print $3 }')
        ratio=$(awk -v a="$check" -v b="$yaml" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    fi
    printf '%-7s %9s %10s %12s %8s %s\n' "$n" "$mb" "$check" "$yaml" "$ratio" "$summary"
done
if [ "$status" -ne 0 ]; then
    echo "the corpus does not check clean: see the diagnostics column" >&2
fi
exit "$status"

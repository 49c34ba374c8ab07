#!/bin/sh
# `contractc check` end to end: exit statuses (0 clean, 1 errors, 2 usage or
# I/O), the summary line, --werror, --quiet, --help.
# usage: cli_test.sh CONTRACTC FIXTURES_SPECS_DIR [WRAPPER]
set -u
contractc=$1
fixtures=$2
wrapper=${3:-}
out=$(mktemp)
failures=0

# run EXPECTED_STATUS ARGS...: runs contractc (under the wrapper, if any),
# output (stdout and stderr) in $out.
run() {
    expected=$1
    shift
    # shellcheck disable=SC2086
    $wrapper "$contractc" "$@" >"$out" 2>&1
    status=$?
    if [ "$status" -ne "$expected" ]; then
        echo "FAIL: contractc $* exited $status, expected $expected"
        cat "$out"
        failures=$((failures + 1))
    fi
}

# expect_line TEXT: the output has exactly this line.
expect_line() {
    if ! grep -qxF -- "$1" "$out"; then
        echo "FAIL: missing line: $1"
        cat "$out"
        failures=$((failures + 1))
    fi
}

# expect_lines N: the output has N lines.
expect_lines() {
    lines=$(wc -l <"$out")
    if [ "$lines" -ne "$1" ]; then
        echo "FAIL: expected $1 lines of output, got $lines"
        cat "$out"
        failures=$((failures + 1))
    fi
}

cd "$fixtures" || exit 1

run 0 check valid/stripe-flat.yaml
expect_line "0 errors, 0 warnings in 1 file"
expect_lines 1

run 0 check valid/stripe-flat.yaml valid/stripe-canonical.yaml
expect_line "0 errors, 0 warnings in 2 files"

run 1 check invalid/unknown-kind.yaml
expect_line "invalid/unknown-kind.yaml:1:7: error: unknown kind 'modle'; did you mean 'model'?"
expect_line "1 error, 0 warnings in 1 file"

# Warnings alone: exit 0; under --werror they are errors.
run 0 check invalid/unknown-field.yaml
expect_line "0 errors, 1 warning in 1 file"
run 1 check --werror invalid/unknown-field.yaml
expect_line "invalid/unknown-field.yaml:5:3: error: unknown field 'descripton' in meta; did you mean 'description'?"
expect_line "1 error, 0 warnings in 1 file"

# Several files, all diagnostics in one run, sorted by file.
run 1 check invalid/enum-values.yaml invalid/bad-category.yaml
expect_lines 5
expect_line "3 errors, 0 warnings in 2 files"
if [ "$(head -n 1 "$out" | cut -d: -f1)" != "invalid/bad-category.yaml" ]; then
    echo "FAIL: diagnostics not sorted by file"
    cat "$out"
    failures=$((failures + 1))
fi

# --quiet: the diagnostics only.
run 1 check --quiet invalid/unknown-kind.yaml
expect_lines 1
run 0 check --quiet valid/stripe-flat.yaml
expect_lines 0

# I/O and usage errors: exit 2.
run 2 check no-such-file.yaml
run 2 check valid/stripe-flat.yaml no-such-dir/
run 2 check
run 2 check --bogus valid/stripe-flat.yaml
run 0 check --help
expect_line "usage: contractc check [--werror] [--quiet] PATH..."

rm -f "$out"
if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all CLI checks passed"

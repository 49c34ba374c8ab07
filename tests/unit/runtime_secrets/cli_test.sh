#!/bin/sh
# Drives contractc-secrets through every command and error path in a
# temporary directory.  Usage: cli_test.sh BINARY [WRAPPER...]; each
# invocation runs under WRAPPER (for example valgrind) when one is given.
# Besides exit codes and outputs it checks the canary: apart from the one
# command that explicitly reveals it, no output may ever contain the value.
set -u
bin=$1
shift
wrapper="$*"
canary="canary-7e3f19d0-never-print-me"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/contractc-secrets-cli-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
store="$tmp/secrets.store"
key="$tmp/master.key"
log="$tmp/all-output.log"
failures=0
: >"$log"

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run EXPECTED_STATUS [--stdin TEXT] ARGS...: runs the command, records its
# output in $out (stdout+stderr) and appends it to the canary log.
run() {
    expected=$1
    shift
    input=""
    if [ "${1-}" = "--stdin" ]; then
        input=$2
        shift 2
    fi
    out=$(printf '%s' "$input" | $wrapper "$bin" "$@" 2>&1)
    status=$?
    printf '%s\n' "$out" >>"$log"
    if [ "$status" -ne "$expected" ]; then
        fail "contractc-secrets $* exited $status, expected $expected: $out"
    fi
}

# Like run, but for the commands that print the value: not logged.
reveal() {
    revealed=$($wrapper "$bin" "$@" 2>"$tmp/reveal.err")
    status=$?
    cat "$tmp/reveal.err" >>"$log"
    if [ "$status" -ne 0 ]; then
        fail "contractc-secrets $* exited $status: $(cat "$tmp/reveal.err")"
    fi
}

expect_output() {
    case "$out" in
        *"$1"*) ;;
        *) fail "expected '$1' in output: $out" ;;
    esac
}

mode_of() {
    stat -c %a "$1"
}

S="--store $store --key-file $key"

# Usage errors: exit 2.
run 0 --help
expect_output "usage: contractc-secrets"
run 2
expect_output "no command given"
run 2 $S frobnicate
expect_output "unknown command"
run 2 $S --bogus list
expect_output "unknown option"
run 2 --key-file "$key" list
expect_output "--store FILE is required"
run 2 --store "$store" --key-file "$key" --passphrase-env X list
expect_output "exactly one of"
run 2 $S put
expect_output "needs TENANT/NAME"
run 2 $S get a/b c/d
expect_output "unexpected argument"
run 2 init-key
expect_output "init-key needs --key-file"
run 2 $S --kdf extreme list
expect_output "unknown --kdf level"

# Keys.
run 0 --key-file "$key" init-key
[ "$(mode_of "$key")" = 600 ] || fail "key file mode is $(mode_of "$key")"
run 1 --key-file "$key" init-key
expect_output "already exists"

# A store that does not exist yet: reads fail, put creates it.
run 1 $S list
expect_output "does not exist"
run 0 --stdin "$canary
" $S put acme/stripe
expect_output "store://acme/stripe?version=1"
[ "$(mode_of "$store")" = 600 ] || fail "store file mode is $(mode_of "$store")"
run 0 --stdin "other" $S put store://acme/github
run 0 --stdin "x" $S put beta/token
run 0 $S list
[ "$out" = "acme/github
acme/stripe
beta/token" ] || fail "list printed: $out"
run 0 $S list acme
[ "$out" = "acme/github
acme/stripe" ] || fail "list acme printed: $out"

# get without --reveal shows no value; with it, only the value.
run 0 $S get acme/stripe
expect_output "version 1"
expect_output "use --reveal"
reveal $S get --reveal acme/stripe
[ "$revealed" = "$canary" ] || fail "get --reveal printed something else"

# Rotation keeps the previous version readable.
run 0 --stdin "second-value" $S rotate acme/stripe
expect_output "store://acme/stripe?version=2"
reveal $S get acme/stripe --reveal
[ "$revealed" = "second-value" ] || fail "rotated value not returned"
reveal $S get acme/stripe --reveal --version 1
[ "$revealed" = "$canary" ] || fail "version 1 not readable after rotation"
run 1 --stdin "v" $S rotate acme/missing
expect_output "does not exist"
expect_output "NOT_FOUND"
run 1 $S get acme/stripe --version 7
expect_output "no version 7"
run 1 $S get not-a-reference
expect_output "TENANT/NAME"

# --keep-newline keeps the final newline of the input.
run 0 --stdin "with-newline
" $S put --keep-newline beta/newline
reveal $S get --reveal beta/newline
[ "$(printf '%s' "$revealed" | wc -c)" -eq 12 ] || fail "newline handling"
run 0 $S get beta/newline
expect_output "(13 bytes"

# Values over 1 MiB are refused.
big=$(head -c 1048577 /dev/zero | tr '\0' 'a')
run 1 --stdin "$big" $S put beta/big
expect_output "larger than 1048576 bytes"

# Delete.
run 0 $S delete beta/token
run 1 $S get beta/token
run 1 $S delete beta/token
expect_output "does not exist"

# Wrong key, loose key file, damaged store: errors without the value.
run 0 --key-file "$tmp/other.key" init-key
run 1 --store "$store" --key-file "$tmp/other.key" get acme/stripe
expect_output "wrong key"
cp "$key" "$tmp/loose.key"
chmod 644 "$tmp/loose.key"
run 1 --store "$store" --key-file "$tmp/loose.key" list
expect_output "0644"
expect_output "FORBIDDEN"
cp "$store" "$tmp/pristine.store"
size=$(wc -c <"$store")
printf 'ZZZZ' | dd of="$store" bs=1 seek=$((size - 60)) count=4 conv=notrunc 2>/dev/null
run 1 $S get acme/stripe
expect_output "modified or truncated"
head -c 50 "$tmp/pristine.store" >"$store"
run 1 $S list
expect_output "truncated"
cp "$tmp/pristine.store" "$store"
run 0 $S list

# Passphrase stores.
pstore="$tmp/pass.store"
P="--store $pstore --passphrase-env CLI_TEST_PASSPHRASE --kdf minimal"
CLI_TEST_PASSPHRASE="correct horse" run 0 --stdin "$canary" $P put t/p
CLI_TEST_PASSPHRASE="correct horse" reveal $P get --reveal t/p
[ "$revealed" = "$canary" ] || fail "passphrase store round trip"
CLI_TEST_PASSPHRASE="wrong horse" run 1 $P get t/p
expect_output "wrong key or passphrase"
run 2 $P get t/p
expect_output "CLI_TEST_PASSPHRASE is not set"
run 1 --store "$pstore" --key-file "$key" get t/p
expect_output "passphrase"

# The canary never appears outside the explicit --reveal commands.
if grep -F -q "$canary" "$log"; then
    fail "the secret value appeared in an output or error message"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all contractc-secrets checks passed"

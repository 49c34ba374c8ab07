#!/usr/bin/env bash
# Quick start, command 2: run every test.
#
#   1. gcc, -Werror, RelWithDebInfo: the whole ctest suite
#   2. clang, -Werror, AddressSanitizer + UndefinedBehaviorSanitizer: the whole suite
#   3. gcc under valgrind (leaks and memory errors fail the test): the suite
#      minus tests labelled "slow"
#
# Set CONTRACTC_TEST_STAGES to a subset ("gcc clang-asan valgrind") to run fewer.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh >/dev/null
stages=${CONTRACTC_TEST_STAGES:-"gcc clang-asan valgrind"}
jobs=$(nproc)
status=0
# Only the sanitizer build reads these.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

run_stage() {
  local name=$1; shift
  echo "== test stage: $name"
  if ! "$@"; then
    echo "== test stage FAILED: $name"
    status=1
  fi
}

build_and_test() {
  local dir=$1 ctest_args=$2; shift 2
  cmake -S . -B "$dir" -DCONTRACTC_WERROR=ON -DCONTRACTC_BUILD_BENCH=ON "$@" >/dev/null &&
  cmake --build "$dir" --parallel "$jobs" &&
  (cd "$dir" && ctest --output-on-failure --parallel "$jobs" $ctest_args)
}

for stage in $stages; do
  case $stage in
    gcc)
      run_stage gcc build_and_test build-test-gcc "" -DCMAKE_C_COMPILER=gcc ;;
    clang-asan)
      run_stage clang-asan build_and_test build-test-clang-asan "" \
        -DCMAKE_C_COMPILER=clang -DCONTRACTC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug ;;
    valgrind)
      run_stage valgrind build_and_test build-test-valgrind "-LE slow" -DCMAKE_C_COMPILER=gcc \
        -DCMAKE_BUILD_TYPE=Debug -DCONTRACTC_BUILD_BENCH=OFF \
        "-DCONTRACTC_TEST_WRAPPER=valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all" ;;
    *)
      echo "unknown test stage: $stage" >&2; exit 2 ;;
  esac
done

if [ $status -ne 0 ]; then
  echo "== some test stages failed"
fi
exit $status

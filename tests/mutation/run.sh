#!/usr/bin/env bash
# Mutation testing of minirnn with mutmut: tests/mutation/README.md says what it does.
#
#   tests/mutation/run.sh                      # every module of minirnn/
#   tests/mutation/run.sh "minirnn.matrix*"    # one module (mutmut's mutant-name glob)
#
# Installs mutmut, pytest and hypothesis (no numpy) into a virtual environment
# outside the checkout on first use, runs mutmut under nice, then prints the
# score per module (tests/mutation/score.py).  MUTATION_JOBS sets the number of
# mutants tested at once (default 2), MUTATION_VENV the environment's folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${MUTATION_VENV:-${TMPDIR:-/tmp}/minirnn-mutation-venv}"
if [ ! -x "$venv/bin/mutmut" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q "mutmut==3.8.1" pytest hypothesis
fi
# So that mutmut learns which functions the tests reach through `python -m minirnn`
# subprocesses too (tests/mutation/subprocess_hits.py says how).
site="$("$venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")"
cp tests/mutation/subprocess_hits.py "$site/minirnn_mutation_hits.py"
echo 'import os; os.environ.get("MUTANT_UNDER_TEST") == "stats" and __import__("minirnn_mutation_hits").write_hits_at_exit()' \
    > "$site/minirnn_mutation_hits.pth"
if "$venv/bin/python" -c "import numpy" 2>/dev/null; then
    echo "run.sh: $venv has numpy; the score is meant without it (CI's test environment)" >&2
    exit 2
fi
# The long runs the tests share (SHARED_RUNS in conftest.py: the published runs through the
# engine and through the article edition), made once here with the unchanged code instead of
# once per mutant, and read back by the tests (MINIRNN_RECORDED_RUNS).
runs="$PWD/mutants-runs"
source_sum="$(cat minirnn/*.py conftest.py tests/edition_run.py tests/errors_run.py | cksum)"
if [ "$(cat "$runs/source.cksum" 2>/dev/null)" != "$source_sum" ]; then
    rm -rf "$runs"
    mkdir -p "$runs"
    "$venv/bin/python" conftest.py "$runs"
    echo "$source_sum" > "$runs/source.cksum"
fi
# Tests that run `python -m minirnn` import mutmut's copy of the package (several MB
# of source: every mutant of every function); let Python cache its bytecode, or each
# such process spends seconds compiling it again.
unset PYTHONDONTWRITEBYTECODE
MINIRNN_RECORDED_RUNS="$runs" MINIRNN_HYPOTHESIS_PROFILE=mutation nice -n 10 "$venv/bin/mutmut" run --max-children "${MUTATION_JOBS:-2}" "$@" || true
"$venv/bin/python" tests/mutation/score.py

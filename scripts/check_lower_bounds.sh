#!/usr/bin/env bash
# Test the lower bounds of the runtime dependencies: a throwaway venv with every runtime dependency
# of pyproject.toml pinned to its lower bound (">=X" installed as "==X"), the test tools at their
# newest, transaudit itself without dependencies, then the tests that exercise those dependencies.
# A failure means a bound is too low: raise it in pyproject.toml and run this again.
#
#   bash scripts/check_lower_bounds.sh [VENV]        (default /work/venv-lower; recreated)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${1:-/work/venv-lower}"
PY="${PYTHON:-python3.11}"

rm -rf "$VENV"
"$PY" -m venv "$VENV"
# the pins: each runtime dependency at its lower bound (markers honoured by pip itself)
mapfile -t PINS < <("$VENV/bin/python" - "$ROOT/pyproject.toml" <<'PYEOF'
import sys, tomllib
deps = tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]
for d in deps:
    req, _, marker = d.partition(";")
    name, _, low = req.partition(">=")
    pin = f"{name.strip()}=={low.strip()}" if low else name.strip()
    print(pin + (f"; {marker.strip()}" if marker else ""))
PYEOF
)
mapfile -t TESTS < <("$VENV/bin/python" - "$ROOT/pyproject.toml" <<'PYEOF'
import sys, tomllib
print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["optional-dependencies"]["test"]))
PYEOF
)
echo "pins: ${PINS[*]}"
"$VENV/bin/pip" install -q "${PINS[@]}" "${TESTS[@]}"
"$VENV/bin/pip" install -q --no-deps -e "$ROOT"
cd "$ROOT"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider \
    tests/test_readers.py tests/test_check_numbers.py tests/test_metrics.py tests/test_tui_state.py \
    tests/test_cldr_data.py tests/test_segment.py tests/test_dependencies.py

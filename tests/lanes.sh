# SPDX-License-Identifier: MIT
# lanes.sh - sourced by the test scripts: work shared among the cores.
#
#   lanes FUNCTION   runs FUNCTION in as many background shells as there are
#                    lanes, and waits for them all. Each takes the next piece
#                    of work no other took with `mkdir DIR/NAME.taken` (atomic),
#                    so a long piece holds one lane while the others go on.
#   nlanes           the number of lanes: MEND_TEST_JOBS, else the cores (at
#                    most 4); 1 runs everything one by one.
nlanes() {
  j=${MEND_TEST_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
  [ "$j" -ge 1 ] 2>/dev/null || j=1
  [ "$j" -gt 4 ] && j=4
  echo "$j"
}
lanes() {
  lanes_pids=""
  lanes_k=$(nlanes)
  while [ "$lanes_k" -gt 0 ]; do
    "$1" &
    lanes_pids="$lanes_pids $!"
    lanes_k=$((lanes_k - 1))
  done
  for lanes_p in $lanes_pids; do wait "$lanes_p"; done
}

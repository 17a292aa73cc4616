# Sourced by the test script: names each step, times it, and prints a table of every
# step's wall time with the total when the script ends, whether it passed or failed.
#
#   step "Formatting"     starts a step (and ends the one before)

_step_names=()
_step_secs=()
_step_name=""
_step_start=0
_steps_start=$SECONDS

_step_end() {
  if [ -n "$_step_name" ]; then
    _step_names+=("$_step_name")
    _step_secs+=($((SECONDS - _step_start)))
    _step_name=""
  fi
}

step() {
  _step_end
  _step_name="$*"
  _step_start=$SECONDS
  printf '\n\033[1m==> %s\033[0m\n' "$*"
}

_step_clock() { printf '%2d m %02d s' $(($1 / 60)) $(($1 % 60)); }

# Prints the table; the step that was running when the script stopped is marked.
steps_report() {
  local status=$1 failed="" i
  if [ -n "$_step_name" ] && [ "$status" -ne 0 ]; then failed="$_step_name"; fi
  _step_end
  printf '\n\033[1m%-58s %s\033[0m\n' "Step" "Wall time"
  for i in "${!_step_names[@]}"; do
    local mark=""
    [ "${_step_names[$i]}" = "$failed" ] && mark="  <- FAILED"
    printf '%-58s %s%s\n' "${_step_names[$i]}" "$(_step_clock "${_step_secs[$i]}")" "$mark"
  done
  printf '\033[1m%-58s %s\033[0m\n' "Total" "$(_step_clock $((SECONDS - _steps_start)))"
  if [ "$status" -ne 0 ]; then printf 'Stopped with status %s.\n' "$status"; fi
}

#!/bin/sh
# SPDX-License-Identifier: MIT
# terminal.sh - the interactive player in a real terminal: mend runs inside
# tmux (a private server), keys are typed with send-keys and the screen is read
# back with capture-pane. Covers the library menu and resuming from it,
# choices by number, by prefix and by Tab, scale hints, :back, :restart,
# Ctrl-C and Ctrl-D, kill -9 and resume, colour and NO_COLOR/--no-color,
# wrapping by display width in narrow and wide windows (and after a resize),
# control characters kept off the screen, the Enter before an automatic move,
# the summary and the journal, a sane terminal after the player exits, the
# pauses before automatic moves (none after an answer or when nothing was
# shown), check-ins in the summary, and
# the safety screen (go on; kill -9 at the screen, then resume), and writing:
# a paste of several paragraphs, new lines typed, Up for earlier answers,
# Ctrl-C keeping the line.
# Fixtures: tests/fixtures/good (the library), e2e/fixtures/wide.xml,
# e2e/fixtures/controls.xml and e2e/fixtures/carry.xml (words typed at a pause).
#
#   MEND=$PWD/build/mend sh tests/e2e/terminal.sh
. tests/lib.sh

if ! command -v tmux >/dev/null 2>&1; then
  echo "ok 1 - # SKIP tmux not installed"
  exit 0
fi
if ! [ -x "$MEND" ]; then
  tap FAIL "the player to test is built" "no such program: $MEND"
  exit 1
fi

STORY=every-element
LIB=$TMP/lib # the library the menu shows (before the build tree's stories)
mkdir -p "$LIB"
cp tests/fixtures/good/docs-example.xml tests/fixtures/good/every-element.xml \
  tests/fixtures/good/minimal.xml "$LIB"/
cp -R tests/fixtures/good/parts "$LIB"/
FIX=$(pwd)/tests/e2e/fixtures
ESC=$(printf '\033')

tmux_server test
tm set -g history-limit 5000
S= # the current session
STALLED= # a session where a wait timed out: later waits there fail at once
MARK=-1 # the row (from the top of the history) where input was last typed
NS=0

# start COLS ROWS [VAR=VALUE...] COMMAND...: a new session COLS x ROWS running
# COMMAND in a clean environment.
start() {
  cols=$1 rows=$2
  shift 2
  NS=$((NS + 1))
  S=t$NS
  MARK=-1
  tm new-session -d -s "$S" -x "$cols" -y "$rows" env HOME="$HOME" \
    XDG_STATE_HOME="$XDG_STATE_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
    XDG_CONFIG_HOME="$XDG_CONFIG_HOME" TERM=xterm-256color LC_ALL=C.UTF-8 \
    MEND_PATH="$LIB" NO_COLOR= PS1='sh$ ' ENV= "$@"
}

screen() { tm capture-pane -p -t "$S" -S -; }     # everything, as rows
joined() { tm capture-pane -p -J -t "$S" -S -; }  # lines the terminal wrapped joined
visible() { tm capture-pane -p -t "$S"; }         # what is on the screen now
colours() { tm capture-pane -p -e -t "$S" -S -; } # with the escapes for styles
since() { screen | sed -n "$((MARK < 0 ? 1 : MARK + 1)),\$p"; } # rows from the mark on

mark() {
  set -- $(tm display-message -p -t "$S" '#{history_size} #{cursor_y}')
  MARK=$(($1 + $2))
}
cursor_line() {
  set -- $(tm display-message -p -t "$S" '#{cursor_y}')
  visible | sed -n "$(($1 + 1))p"
}
not() { ! "$@"; }

shown() { case "$(since)" in *"$1"*) return 0 ;; esac; return 1; }
at_line() { [ "$(cursor_line)" = "$1" ]; }
prompting() { # a prompt for input below the row typed on last
  set -- $(tm display-message -p -t "$S" '#{history_size} #{cursor_y}')
  [ $(($1 + $2)) -gt "$MARK" ] || return 1
  case "$(cursor_line)" in '>' | '?' | '(press Enter)' | 'sh$') return 0 ;; esac
  return 1
}
failed() { # failed "what": fails a test, showing the screen
  tap FAIL "$1" "--- the screen (last 30 rows; typed from row $((MARK + 1))):
$(screen | awk 'NF { last = NR } { l[NR] = $0 } END { for (i = 1; i <= last; i++) print l[i] }' | tail -n 30)"
}

# lost "what": a wait timed out: the session has stalled. Fails a test the
# first time (later waits there fail at once, silently: the tests they guard
# fail anyway).
lost() {
  [ "$S" = "$STALLED" ] && return 1
  STALLED=$S
  failed "$1"
  return 1
}
# missed "what": fails a test; the session counts as stalled unless the player
# waits for input.
missed() {
  prompting || STALLED=$S
  failed "$1"
}
# How long a wait lasts before it fails: long, as a wait that succeeds ends at
# once, and two loaded cores (CI, or tests beside other work) have made 5 s
# too short for a paste or a Ctrl-C to show.
W=15
# wait_for TEXT [SECONDS]: waits ($W s by default) until TEXT shows after the
# mark; fails a test, showing the screen, if it does not.
wait_for() { poll "${2:-$W}" shown "$1" || lost "timed out waiting for: $1"; }
# wait_prompt: waits until a prompt waits for input on the cursor line.
wait_prompt() { poll $W prompting || lost "timed out waiting for a prompt"; }
# expect "what" TEXT: ok when TEXT shows after the mark (waiting for it).
expect() { if poll $W shown "$2"; then tap OK "$1"; else missed "$1 (waited for: $2)"; fi; }
# expect_line "what" LINE: ok when the cursor line becomes LINE.
expect_line() {
  if poll $W at_line "$2"; then tap OK "$1"; else missed "$1 (waited for the line: $2)"; fi
}
# no_text "what" TEXT: ok when TEXT did not show after the mark (once the
# player waits for input again).
no_text() {
  if ! wait_prompt; then
    failed "$1 (the player did not wait for input)"
  elif shown "$2"; then failed "$1 (unexpected: $2)"; else tap OK "$1"; fi
}
# has_line "what" LINE: ok when a whole row of the session is LINE.
has_line() {
  if screen | grep -qFx -e "$2"; then tap OK "$1"; else failed "$1 (no row: $2)"; fi
}

# say TEXT: types TEXT and Enter at the next prompt. keys KEY...: presses keys
# at the next prompt. typed TEXT: types TEXT at the next prompt (no Enter).
say() { wait_prompt && mark && tm send-keys -t "$S" -l "$1" && tm send-keys -t "$S" Enter; }
keys() { wait_prompt && mark && tm send-keys -t "$S" "$@"; }
typed() { wait_prompt && mark && tm send-keys -t "$S" -l "$1"; }

pane() { tm display-message -p -t "$S" "#{$1}"; }
# in_shell COLS ROWS ARG...: a new session running an interactive sh, which
# runs mend ARG... and then says its exit status. (tmux itself is not asked for
# the status: it sometimes leaves the pane's process unreaped for seconds.)
in_shell() {
  start "$1" "$2" /bin/sh
  shift 2
  line="'$MEND'"
  for a in "$@"; do line="$line '$a'"; done
  say "$line; echo \"[exit status \$?]\""
}
# exited "what" N: ok when mend, run by in_shell, ended with status N.
exited() { expect "$1" "
[exit status $2]
sh$"; }
# max_width: the widest line of stdin, in display columns (GNU wc -L counts
# them with wcwidth(), in the C.UTF-8 locale lib.sh sets).
max_width() { wc -L | tr -d ' '; }
# wc -L must count display columns, not characters or bytes: two columns for
# CJK and emoji, none for a combining accent or a bidi override
printf '\346\227\245\346\234\254 \360\237\231\202 e\314\201\342\200\256x\n' >"$TMP/widths"
check "wc -L measures display width: 10 columns (2+2 +1+2 +1+1+0+0+1)" \
  test "$(max_width <"$TMP/widths")" = 10
# width_at_most "what" N: ok when no line of the session is wider than N columns.
width_at_most() {
  w=$(joined | max_width)
  if [ "$w" -le "$2" ]; then tap OK "$1"; else
    tap FAIL "$1" "a line is $w columns wide:
$(joined | grep -v '^$')"
  fi
}

# ---- 1. the library menu: a scenario by number, played, then left with Ctrl-C --
in_shell 80 80 # tall enough for every description (library.sh tests 24 rows)
expect "menu: the heading" "mend - scenarios for after a breakup"
wait_for "Pick by number (or :quit)."
has_line "menu: the first story of MEND_PATH first, with its minutes and id" \
  "  1) The 1 a.m. message (8 min) [late-night-text]"
has_line "menu: the second, with its minutes" "  2) The unsent letter (12 min) [every-element]"
has_line "menu: a story without minutes lists none" "  3) Minimal [minimal]"
no_text "menu: no sessions in progress yet" "Sessions in progress"
joined | sed -n '/^mend - scenarios/,/^Pick by number/p' | max_width >"$TMP/w"
check "menu: wrapped to 76 columns in an 80-column window" test "$(cat "$TMP/w")" -le 76
has_line "menu: a description wraps at a space, indented" "     you want from it."

say 2
expect "menu: picking 2 plays The unsent letter" "The unsent letter
================="
wait_for "How is your mood right now, from 0 to 10? [0-10]"
colours >"$TMP/screen"
check "colour: <em> text is italic (ESC[3m)" grep -qE "$ESC\\[([0-9]*;)*3mwrite" "$TMP/screen"

say 11
expect "scale: 11 is refused with the range" \
  "That is outside the scale: please type a number from 0 to 10."
expect "scale: the hint stands under the question, then the prompt (not the question again)" \
  "> 11
That is outside the scale: please type a number from 0 to 10.
>"
say 2
expect "scale: 2 is accepted" "A low day. Go gently; 2 out of 10 is allowed."
say n
wait_for "  2) Breathe for a minute first"

typed bre
tm send-keys -t "$S" Tab
expect_line "Tab completes a choice label on the input line" "> Breathe for a minute first"
tm send-keys -t "$S" Enter
expect "the completed label picks that choice" "  A minute of breathing is not nothing."
wait_for "In for four, hold for four, out for six."
colours >"$TMP/screen"
check "colour: a feedback has no tone colour and no tone word, only its indent" \
  grep -qxF "  A minute of breathing is not nothing." "$TMP/screen"
check "colour: no tone word anywhere on the screen" \
  not grep -qE "\\[(positive|neutral|caution|negative)\\]" "$TMP/screen"
expect_line "an automatic move waits for Enter" "(press Enter)"
no_text "nothing moves on before Enter" "Some things are easier"
keys Enter
expect "Enter takes the automatic move" "Some things are easier to write than to say."
say 5
wait_for "  1) Start the letter"

typed :he
tm send-keys -t "$S" Tab
expect_line "Tab completes a command" "> :help"
tm send-keys -t "$S" Enter
expect "the completed command runs" "  :back      go back to the previous decision"

typed "Start the"
poll 5 at_line "> Start the" # typed ahead, a Ctrl-C signal would overtake the text
tm send-keys -t "$S" C-c
expect "Ctrl-C on a line with text shows ^C" "> Start the^C"
expect_line "Ctrl-C clears the line and the prompt stays" ">"
no_text "Ctrl-C does not submit the line" "Writing it down"
say "START THE"
expect "a choice by a unique label prefix, in any case" \
  "  Writing it down gives the feelings somewhere to go."
wait_for "(To go on to a new line, end the line with \; :example shows an example.)"
say "I am sorry, letting go"
wait_for "  2) Start again"

say :back
expect "the first :back goes back one decision" "(Back to the previous decision.)"
expect "the first :back asks the earlier question again" \
  "Write to them. Say what you never got to say."
no_text "the first :back does not go back two" "1) Start the letter"
say :back
expect "the second :back goes back another decision" "(Back to the previous decision.)"
expect "the second :back offers the earlier choices again" "
  1) Start the letter
>"
keys C-c
expect "Ctrl-C on an empty line saves and quits" "Saved. To go on later: mend play every-element"
exited "Ctrl-C on an empty line: exit status 0" 0

# ---- 2. the menu again: the session in progress, resumed by its entry -------
in_shell 80 80 # tall enough for every description (library.sh tests 24 rows)
wait_for "Pick by number, r2 to resume (or :quit)."
expect "menu: sessions in progress are listed first, keyed r and their scenario's number" \
  "Sessions in progress:
  r2) Resume: The unsent letter - 4 decisions in, saved "
has_line "menu: a scenario keeps its number while a session is in progress" \
  "  1) The 1 a.m. message (8 min) [late-night-text]"
tm resize-window -t "$S" -x 100 # the player is told (SIGWINCH) at the menu
say r2
expect "menu: after a resize, the Resume entry resumes without asking" \
  "(Resuming where you left off: 4 decisions in.)"
expect "menu: the resumed session waits at the same choices" "  1) Start the letter"
no_text "menu: resuming does not ask first" "Resume it?"
say 1
expect "a choice by number" "  Writing it down gives the feelings somewhere to go."
wait_for "Write to them. Say what you never got to say."
keys C-d
expect "Ctrl-D at a question saves and quits" "Saved. To go on later: mend play every-element"
exited "Ctrl-D: exit status 0" 0

# ---- 3. mend play ID asks to resume; :restart; then kill -9 -----------------
# (run by env straight from tmux, so that the pane's process is mend)
start 80 50 "$MEND" play "$STORY"
expect "play ID with a saved session asks to resume" \
  "You have a session of this scenario in progress (5 decisions in)."
wait_prompt
has_line "the resume question wraps at a space" \
  "You have a session of this scenario in progress (5 decisions in). Resume it?"
has_line "the resume question: its second line" "[y/n]"
tm resize-window -t "$S" -x 100
say y
expect "a resize at the resume question, then y resumes, saying how far" \
  "(Resuming where you left off: 5 decisions in.)"
expect "the same question is asked again" "Write to them. Say what you never got to say."
no_text "resuming does not start over" "Some things are easier"

say :restart
expect ":restart asks first" "Start this scenario over from the beginning? [y/n]"
say n
expect ":restart, n: goes on" "(Going on.)"
no_text ":restart, n: does not start over" "Some things are easier"
say :restart
wait_for "Start this scenario over from the beginning? [y/n]"
say y
expect ":restart, y: starts over" "(Starting over.)"
expect ":restart, y: the first paragraph again" "Some things are easier to write than to say."
expect ":restart, y: the first question again" "How is your mood right now, from 0 to 10? [0-10]"
say 7
say y
wait_for "  1) Start the letter"
say 1
wait_for "Write to them. Say what you never got to say."
say :status
expect ":status after restarting shows the new answer" "  Mood: 7"
typed "half an answer"
poll 5 at_line "> half an answer"
pid=$(pane pane_pid)
check "kill -9: the pane's process is mend itself (env exec'd it)" \
  test "$(tr '\000' ' ' 2>/dev/null <"/proc/$pid/cmdline")" = "$MEND play $STORY "
kill -9 "$pid" 2>/dev/null
gone() { case "$(ps -o stat= -p "$pid")" in "" | Z*) return 0 ;; esac; return 1; }
if poll 5 gone; then tap OK "kill -9: the player is gone"; else missed "kill -9: the player is gone"; fi

in_shell 80 50 play "$STORY"
expect "after kill -9: the last completed step was saved" \
  "You have a session of this scenario in progress (3 decisions in)."
say y
expect "after kill -9: resumes 3 decisions in" "(Resuming where you left off: 3 decisions in.)"
expect "after kill -9: the pending question is asked again" \
  "Write to them. Say what you never got to say."
say :status
expect "after kill -9: earlier answers are kept" "  Mood: 7"
say :journal
expect "after kill -9: the half-typed answer was not kept" \
  "  (nothing written yet in this session)"

# ---- 4. to an ending: the summary, kept in the journal -----------------------
say "I am sorry, letting go"
wait_for "  1) Read it back"
say 1
wait_for "  1) Put it in a drawer"
say 1
wait_for "How strong is the urge to send the letter anyway? [0-10]"
say 10
expect "after an answer, the story flows on without a pause" \
  "The urge is loud. That is normal, and it passes.

  1) Send it"
say send
expect "ending: the title, without a tone word" "*** The end: Sent ***"
no_text "ending: no verdict word on the ending" "[negative] ***"
expect "ending: the check-ins: a measure by its label, another scale by its question" \
  "Your check-ins:
  Mood: 7
  How strong is the urge to send the letter anyway? 10"
no_text "ending: story state is not shown as a score" "Balance"
no_text "ending: no count of decisions" "Decisions made"
expect "ending: offers to keep the summary, and says a no loses nothing written" \
  "Your journal keeps what you wrote here.

Add this summary to your journal too? [y/n]"
# an ending may point to :support: the helplines answer at this question too, then it again
say :support
expect "ending: :support at the summary's question shows the helplines" \
  "mend is not a crisis service."
expect "... and asks the question again under them" "Add this summary to your journal too? [y/n]"
no_text "... not 'Please answer y or n.'" "Please answer y or n."
say y
expect "ending: y keeps it" "Kept in your journal."
expect "ending: it ends with what they might do next, as commands that work here" \
  "When you are ready: mend journal shows what you wrote, mend progress your"
exited "ending: exit status 0" 0

run_mend journal
status "mend journal: exit 0" 0
has "mend journal: the kept summary, newest first" "  Summary: Sent"
has "mend journal: the summary's check-ins" "  Mood: 7"
has "mend journal: the answer written in the session" "  I am sorry, letting go"
run_mend list
lacks "a finished session is no longer in progress" "Sessions in progress"

# ---- 5. no colour: NO_COLOR=1, --no-color --------------------------------------
start 80 50 NO_COLOR=1 "$MEND" play --no-save --seed 1 "$STORY"
wait_for "How is your mood right now"
say 2
say n
say 2
expect "NO_COLOR: the feedback, with no tone word" "  A minute of breathing is not nothing."
wait_for "(press Enter)"
colours >"$TMP/screen"
check "NO_COLOR: no escape sequence on the screen" not grep -q "$ESC" "$TMP/screen"
check "NO_COLOR: the emphasised word is there" grep -qxF \
  "Some things are easier to write than to say." "$TMP/screen"
tm kill-session -t "$S"

start 80 50 "$MEND" play --no-save --no-color --seed 1 "$STORY"
wait_for "How is your mood right now"
say 6
say y
say 1
expect "--no-color: the feedback, with no tone word" \
  "  Writing it down gives the feelings somewhere to go."
wait_for "Write to them."
colours >"$TMP/screen"
check "--no-color: no escape sequence on the screen" not grep -q "$ESC" "$TMP/screen"
tm kill-session -t "$S"

# ---- 6. wrapping: 40 and 200 columns, and display width -------------------------
start 40 50 "$MEND" play --no-save --seed 1 "$STORY"
wait_for "How is your mood right now"
say 11
expect "40 columns: a hint wraps too" "That is outside the scale: please type a
number from 0 to 10."
say 2
say n
wait_for "  2) Breathe for a minute first"
width_at_most "40 columns: no line is wider than the window" 40
has_line "40 columns: a paragraph wraps at a space" "Today you write a letter you will not"
has_line "40 columns: its next line starts with the next word" \
  "send. Think of it as sealed: { for your"
has_line "40 columns: a question wraps with its hint" "10? [0-10]"
tm kill-session -t "$S"

start 200 50 "$MEND" play --no-save --seed 1 "$STORY"
wait_for "How is your mood right now"
width_at_most "200 columns: lines wrap at 76 columns at most" 76
has_line "200 columns: the paragraph wraps at the last space before 76" \
  "Today you write a letter you will not send. Think of it as sealed: { for"
tm kill-session -t "$S"

start 40 50 "$MEND" play --no-save "$FIX/wide.xml"
wait_for "  1) Go on"
wait_prompt
width_at_most "40 columns, accents, CJK and emoji: no line wider than 40 display columns" 40
has_line "40 columns: the title is underlined to its display width" "============"
has_line "40 columns: accented words wrap as words" "Ærøskøbing and Ångström:"
has_line "40 columns: a CJK run is broken at the last column that fits" \
  "日本語の文章は幅が広いので折り返しに注意"
has_line "40 columns: two-column emoji count as two" \
  "が必要です。絵文字も🙂🌈💔🙂🌈💔🙂🌈💔🙂"
has_line "40 columns: a choice label wraps under its text" "     längeren Wörtern, bis die Zeile"
tm kill-session -t "$S"

# ---- 7. control characters and escapes; the terminal after mend ------------
start 80 40 /bin/sh
wait_prompt
tm pipe-pane -t "$S" -o "cat >>'$TMP/raw'"
say "'$MEND' play --no-save '$FIX/controls.xml'"
wait_for "This first line must stay on the screen."
say 1
expect "C1 control and bidi override: the paragraph's visible text, without them" \
  "
Before2J after, desrever and done.
"
wait_for "Write a short note."
typed a
tm send-keys -t "$S" C-v # readline's quoted-insert: the next key goes in as it is
tm send-keys -t "$S" -l "${ESC}[2Jb"
expect_line "a raw ESC typed after Ctrl-V is shown as ^[ on the input line" "> a^[[2Jb"
tm send-keys -t "$S" Enter
expect "an answer holding a raw ESC is kept without it, with a one-line note" \
  "I left out 1 character that cannot be shown."
no_text "an answer holding a raw ESC is not refused" "Write a short note.
>"
expect "C1 control in a choice label: the label without it" "  1) Onward2J now"
visible >"$TMP/screen"
check "escapes: the screen was not cleared" \
  grep -qxF "This first line must stay on the screen." "$TMP/screen"
say 1
expect "a goto: the node's text" "A pause before the end."
expect_line "a goto: waits for Enter on a terminal" "(press Enter)"
no_text "a goto: the ending waits" "*** The end"
keys Enter
expect "a goto: Enter moves on" "*** The end: Done ***"
expect "an answer typed with ESC [2J is kept without the escape" "Your note: [ab]"
wait_for "sh$"
poll 5 grep -qF "Your note" "$TMP/raw" # pipe-pane may lag
visible >"$TMP/screen"
check "escapes: still not cleared at the end" \
  grep -qxF "This first line must stay on the screen." "$TMP/screen"
check "escapes: no ESC[2J reached the terminal" not grep -qF "${ESC}[2J" "$TMP/raw"
check "escapes: no C1 CSI (U+009B) reached the terminal" \
  not env LC_ALL=C grep -qF "$(printf '\302\233')" "$TMP/raw"
check "escapes: no bidi override (U+202E) reached the terminal" \
  not env LC_ALL=C grep -qF "$(printf '\342\200\256')" "$TMP/raw"

say "stty -a | tr ' ' '\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo"
expect "after the player ends: the terminal has icanon and echo on" "
icanon echo
sh$"

say "'$MEND' play --no-save '$STORY'"
wait_for "How is your mood right now"
keys C-c
expect "Ctrl-C on an empty line ends a --no-save session" "Session ended."
say "stty -a | tr ' ' '\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo"
expect "after Ctrl-C: the terminal has icanon and echo on" "
icanon echo
sh$"
tm kill-session -t "$S"

# ---- 8. the safety screen, in a bundled scenario: go on; kill -9 at the screen ---
start 80 50 MEND_COUNTRY=GB "$MEND" play --seed 1 final-message
wait_for "how much do you need an answer from them?"
say 7
wait_for "  2) Skip ahead"
say 2
wait_for "(To go on to a new line"
say "honestly i dont see the point of anything without him"
expect "safety: a despairing answer in final-message shows the screen" \
  "A moment, before we go on."
expect "safety: it quotes the words it noticed" \
  'You wrote: "dont see the point of anything".'
expect "safety: with the UK's crisis line" "Samaritans: call 116 123."
expect "safety: and the choice to go on, pause or stop" "  3) Stop this scenario"
wait_prompt
colours | sed -n '/A moment, before we go on/,/3) Stop this scenario/p' >"$TMP/screen"
check "safety: the screen has no colour or style (readable with a screen reader, NO_COLOR or not)" \
  not grep -q "$ESC" "$TMP/screen"
no_text "safety: the story does not go on before the choice" "Honestly? I want them back."
say 1
expect "safety: 1 goes on from the same point" "  1) Honestly? I want them back."
tm kill-session -t "$S"

start 80 50 MEND_COUNTRY=GB "$MEND" play --seed 1 final-message
wait_for "Resume it?"
say n
wait_for "how much do you need an answer from them?"
say 7
wait_for "  2) Skip ahead"
say 2
wait_for "(To go on to a new line"
say "i want to kill myself"
wait_for "  3) Stop this scenario"
wait_prompt
pid=$(pane pane_pid)
kill -9 "$pid" 2>/dev/null
if poll 5 gone; then tap OK "safety: killed at the screen"; else missed "safety: killed at the screen"; fi
start 80 50 MEND_COUNTRY=GB "$MEND" play final-message
wait_for "Resume it?"
say y
expect "safety: after kill -9 at the screen, the session resumes after the answer" \
  "(Resuming where you left off: 3 decisions in.)"
expect "safety: and shows the screen again, where it was" "A moment, before we go on."
say 1
expect "safety: then goes on from there" "  1) Honestly? I want them back."
tm kill-session -t "$S"


# ---- 9. check-ins in the summary; pauses before automatic moves --------------
in_shell 80 50 play --no-save "$FIX/checkins.xml"
wait_for "How strong is the urge, from 0 to 10? [0-10]"
say 8
wait_for "A word about tonight?"
say "tired"
expect "no pause after an answer with nothing shown: the next node comes at once" \
  "> tired

Once more, in other words.

Say it again, differently."
no_text "so no empty (press Enter)" "(press Enter)"
say "tired and sad"
wait_for "  1) Take a step"
say 1
expect "a choice's word, then a node that only routes: no pause, its scene at once" \
  "One step.

A step taken, and a pause to read this."
expect "a choice's scene before a goto: its text" "A step taken, and a pause to read this."
expect_line "and the pause to read it" "(press Enter)"
keys Enter
wait_for "Do you feel steady? [y/n]"
say y
expect "an answer, a word about it, a goto, the next scene: no pause in between" \
  "> y

Thank you for saying.

The night goes on, a scene of its own."
expect_line "between two scenes, the pause is kept" "(press Enter)"
keys Enter
wait_for "And the urge now? [0-10]"
say 6
expect "summary: the check-in from the first answer to the last, with an arrow (UTF-8)" \
  "Your check-ins:
  Urge to reach out: 8 → 6
  Feeling steady: yes"
expect "summary: the last of two answers to one question, once, saying one came before" \
  "  Say it again, differently.
    tired and sad
  (Your last version. You wrote one before it.)"
no_text "summary: story state is not shown" "Steps taken"
exited "check-ins: exit status 0" 0
tm kill-session -t "$S"
# ---- 10. writing: a paste keeps its paragraphs; new lines; Up; Ctrl-C keeps ------
printf 'Dear Sam,\n\nThank you for the years.\nGoodbye' >"$TMP/pasted"
in_shell 80 24 play --no-save "$FIX/draft.xml"
wait_for "What do you hope the message will do?"
typed "first hope"
press() { tm send-keys -t "$S" "$@"; } # keys, on a line that holds text
# (the text read first: a Ctrl-C that overtakes it in the terminal's queue
# flushes it, and the line is empty)
poll $W at_line "> first hope"
press C-c
expect "Ctrl-C with text on the line says once how to get it back" \
  "^C
(Set aside: press the Up arrow to get it back.)"
keys Up
expect_line "the Up arrow brings back what Ctrl-C cleared" "> first hope"
tm send-keys -t "$S" -l '\'
tm send-keys -t "$S" Enter
expect_line "a \\ at the end of the line, then Enter: a new line, not the answer" ""
tm send-keys -t "$S" -l "line two"
tm send-keys -t "$S" M-Enter
tm send-keys -t "$S" -l "line three"
expect "Alt-Enter: another new line" "> first hope
line two
line three"
press Enter
wait_for "  1) Write it"
say 1
wait_for "Type the message you would send."
keys Up
expect "Up at a text question: the last answer written, whole, not the choice number" \
  "> first hope
line two
line three"
press C-x C-u C-a C-k # (readline's undo, then the line is cleared)
mark
tm load-buffer -b draft "$TMP/pasted"
tm paste-buffer -p -b draft -t "$S"
expect "a paste of several paragraphs shows whole, not sent" "Dear Sam,

Thank you for the years.
Goodbye"
check "a pasted line break is not Enter" not shown "Thanks them"
press Enter
expect "the pasted draft is answered whole: the rubric reads every line" "✓ Says goodbye"
no_text "a pasted paragraph break is not refused" "cannot be kept"
wait_for "How strong is the urge to send it"
keys Up
expect_line "Up at a number: the choice typed before, not a draft" "> 1"
press C-u 3 Enter
expect "the summary keeps the paragraphs of the pasted draft" \
  "  Type the message you would send.
    Dear Sam,

    Thank you for the years.
    Goodbye"
expect "the summary keeps the lines typed with \\ and Alt-Enter" \
  "  What do you hope the message will do?
    first hope
    line two
    line three"
exited "writing: exit status 0" 0
tm kill-session -t "$S"

# ---- words typed at a pause ("(press Enter)") are read, as a refused line is ---
start 80 50 "$MEND" play --no-save "$FIX/controls.xml"
wait_for "This first line must stay on the screen."
say 1
wait_for "Write a short note."
say "a note"
wait_for "  1) Onward"
say 1
wait_for "(press Enter)"
say "i want to die"
expect "words typed at a pause: the support screen" "A moment, before we go on."
say 1
expect "... then the story moves on" "*** The end: Done ***"
tm kill-session -t "$S"

# ---- ... and a <hear to="..."> taken at a pause leads on from its node, not the move waiting ---
start 80 50 "$MEND" play --no-save "$FIX/hear.xml"
wait_for "How strong is the urge?"
say 5
wait_for "  2) Rest"
say 2
wait_for "(press Enter)"
say "we got back together last week"
expect "a line a <hear> takes, at a pause: its words" "You are back together, you said."
expect "... and its node" "Then this night may be different."
say ""
expect "... then on from there" "*** The end: Done ***"
tm kill-session -t "$S"

# ---- words typed at a pause before a text question are its answer's start (v85 SOT-11) ---
start 100 50 "$MEND" play --no-save "$FIX/carry.xml"
wait_for "(press Enter)"
say "we laughed a lot and then it ended"
expect "the text question after a pause says the words typed there are kept" \
  "(What you typed is below: press Enter to keep it, or change it.)"
expect_line "... and its answer starts with them" "> we laughed a lot and then it ended"
mark
tm send-keys -t "$S" -l " slowly"
tm send-keys -t "$S" Enter
expect "... kept, and what was added" "You wrote: [we laughed a lot and then it ended slowly]"
wait_for "(press Enter)"
say "im tired"
wait_for "  2) Go on"
expect_line "a choice after a pause does not start with the words typed there" ">"
say 1
expect "... and the answer stays what it was" "Your words: [we laughed a lot and then it ended slowly]"
tm kill-session -t "$S"
# ... but not words that told a sign there ("nobody cares anyway": heavy)
start 100 50 "$MEND" play --no-save "$FIX/carry.xml"
wait_for "(press Enter)"
say "nobody cares anyway"
wait_for "How would you tell it?"
expect_line "words with a sign typed at a pause: the question after it starts empty" ">"
no_text "... and says nothing of them being kept" "(What you typed is below"
tm kill-session -t "$S"
finish

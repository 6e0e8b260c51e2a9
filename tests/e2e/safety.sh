#!/bin/sh
# SPDX-License-Identifier: MIT
# safety.sh - the safety layer as a person meets it in plain mode: a crisis or
# abuse answer shows a screen before the story goes on, with the lines of the
# person's country; go on, pause (and resume at the screen), stop; shown again
# only for something worse, a short reminder instead for the rest (in plain
# mode and on a real terminal); refused lines are read too; <support/>; :support
# and the library's line; mend support and mend safety-check; a counsellor's
# own lines and phrases; a broken lexicon; nothing about a screen is stored.
# Then each bundled scenario, answered with despair at its first text
# question, shows the screen, and answered with "this week is killing me lol"
# does not.
. tests/lib.sh

F=tests/e2e/fixtures/safety.xml
SCREEN="A moment, before we go on."
AGAIN="That sounds heavy again. The helplines from before are still here: type :support to see them."
LATER="To see the helplines again, type :support."

# play COUNTRY LINE...: plays the fixture (saved) with these answers
play() {
  country=$1
  shift
  printf '%s\n' "$@" >"$TMP/in"
  MEND_COUNTRY=$country run_mend play --new --seed 1 "$F" <"$TMP/in"
}

# ---- a crisis answer -----------------------------------------------------------------
play GB "honestly i dont want to be here anymore" 1
has "a crisis answer shows the screen" "$SCREEN"
has "it quotes the words it noticed" 'You wrote: "dont want to be here".'
has "it says what they can mean, in plain words" \
  "Words like these can mean that things feel hopeless, or that part of you does not want to be alive."
has "it says mend is not a crisis service" "mend is not a crisis service."
has "it gives the country's crisis line (GB)" "Samaritans: call 116 123."
has "and the emergency number" "Emergency: call 999 if you might act on these thoughts"
has "and what to do right now" "Right now you could:
  - call or text one of the lines above, or someone you trust;
  - go and be with someone, or somewhere there are other people;
  - put away anything you could use to hurt yourself."
has "it offers go on, pause or stop" "  1) Go on with the scenario
  2) Pause here: your place is kept, and you can come back later
  3) Stop this scenario (your journal keeps what you wrote)"
case "$OUT" in
*"$SCREEN"*"(Going on. :support shows these lines again at any time.)"*"Thank you for writing it down."*)
  tap OK "the screen comes before the story goes on, and 1 goes on from the same point" ;;
*) tap FAIL "the screen comes before the story goes on, and 1 goes on from the same point" "$OUT" ;;
esac
lacks "no verdict words on the screen" "[crisis]"
status "input ending at the next question exits 3, as plain mode does" 3

printf '%s\n' "i want to kill myself" 3 stop >"$TMP/in"
MEND_COUNTRY=GB run_mend play --no-save --seed 1 "$F" <"$TMP/in"
has "with --no-save, the screen offers no place kept and no journal: go on or stop" "  1) Go on with the scenario
  2) Stop here (this session is not being saved)"
lacks "... no 'your place is kept'" "Pause here"
lacks "... no 'your journal keeps what you wrote'" "your journal keeps"
has "... 3 is not one of them" "Please type 1 or 2."
has "... and 'stop' stops" "This session is not being saved, so it ends here. Take care of yourself."
status "... with status 0" 0

# other words typed at the screen's question, in a scenario with words: heard, then the hint
# (the story's own words for them: its <hear> on missing them reads the line alone, though
# "i want to die" was typed at the same decision)
printf '%s\n' 9 "i want to die" "i just want him back" "what now" 2 >"$TMP/in"
MEND_COUNTRY=GB run_mend play --no-save --plain stories/they-return.xml <"$TMP/in"
has "words at the screen's question: heard, then the hint" "> i just want him back

Missing them, and wanting them back, is heard here."
has "... then the hint" "is heard here. It is allowed, and it can sit beside thinking this through.
Please type 1 or 2."
has "words no list hears: 'I hear you.', then the hint" "> what now

I hear you.
Please type 1 or 2."
# the rest of a line that brought the screen: the story's words for it, when the person goes on
printf '%s\n' 1 "i cant do this anymore. im going to text him right now" 1 >"$TMP/in"
run_mend play --no-save --plain --seed 1 stories/speaking-of-them.xml <"$TMP/in"
has "a plan in the line that brought the screen: the screen first" "You wrote: \"cant do this anymore\""
has "... then, going on, the story's words on the plan" \
  "(Going on. :support shows these lines again at any time.)

And you wrote of reaching them, with all that weight on you."
# ... and beside the short reminder, where the same sign was answered before
printf '%s\n' 5 1 "he checked my phone every night" 1 1 \
  "he checked my phone every night. im going round his tonight" >"$TMP/in"
run_mend play --no-save --plain --seed 3 stories/speaking-of-them.xml <"$TMP/in"
has "a plan beside a sign answered before: the reminder, then the story's words on the plan" \
  "That sounds hard again. The helplines from before are still here: type :support to see them.

You wrote of reaching them. After what they did"
play "" "this week is killing me lol"
lacks "a figure of speech shows no screen" "$SCREEN"
play "" "I'm not suicidal, just sad"
lacks "a negated sign shows no screen" "$SCREEN"

# ---- the lines come from the person's country ------------------------------------------
play IE "i want to kill myself" 1
has "MEND_COUNTRY=IE gives Ireland's lines" "Samaritans Ireland"
has "and says which country they are for" "(Lines for: Ireland."
printf '%s\n' "i want to kill myself" 1 >"$TMP/in"
env -u LC_ALL LANG=en_US.UTF-8 MEND_COUNTRY= "$MEND" play --new --seed 1 "$F" <"$TMP/in" >"$TMP/out" 2>&1
check "without MEND_COUNTRY, the locale's territory decides (en_US: 988)" grep -q "988" "$TMP/out"
printf '%s\n' "i want to kill myself" 1 >"$TMP/in"
run_mend play --new --country NZ --seed 1 "$F" <"$TMP/in"
has "--country NZ gives New Zealand's lines" "(Lines for: New Zealand."
play ZZ "i want to kill myself" 1
has "a country mend has no lines for: the international directory" "https://findahelpline.com"
has "and the local emergency number, in words" "Emergency: call your local emergency number"
has "and it says so" "mend has no lines for ZZ yet."
play "" "i want to kill myself" 1
has "no country at all: it says how to tell it" "mend does not know your country."
run_mend play --country England "$F" </dev/null
status "--country must be a two-letter code" 2
err_has "and it says so" "--country needs a two-letter country code"

# ---- pause, resume at the screen, and stop -----------------------------------------------
play GB "i want to kill myself" 2
status "2 (pause) exits 0" 0
has "pause says the place is kept" "Your place is kept. When you want to go on: mend play safety"
printf '%s\n' 1 >"$TMP/in"
MEND_COUNTRY=GB run_mend play --resume "$F" <"$TMP/in"
has "resuming after a pause shows the screen again, where it was" "$SCREEN"
case "$OUT" in
*"(Resuming where you left off: 1 decision in.)"*"$SCREEN"*"Thank you for writing it down."*)
  tap OK "and going on from there continues the story" ;;
*) tap FAIL "and going on from there continues the story" "$OUT" ;;
esac

play GB "i want to kill myself" 3
status "3 (stop) exits 0" 0
has "stop says the scenario is stopped and the journal keeps the words" \
  "This scenario is stopped. Your journal keeps what you wrote."
printf '%s\n' "fine" >"$TMP/in"
run_mend play --seed 1 "$F" <"$TMP/in"
lacks "after stop, the next time starts afresh (nothing to resume)" "Resume it?"
run_mend journal
has "the journal kept the answer" "i want to kill myself"
rm -rf "$XDG_STATE_HOME" "$XDG_DATA_HOME"

play GB "i want to kill myself" "maybe" 1
has "anything but 1, 2 or 3 at the screen asks again" "Please type 1, 2 or 3."
play GB "i want to kill myself" "go on"
has "the start of a choice's words works too" "(Going on."

# ---- shown again only when something is worse; else a reminder ------------------------------
play GB "i cant go on" 1 5 1 "i cant go on"
n=$(printf '%s\n' "$OUT" | grep -c "$SCREEN")
check "the same sign again later shows no second screen" test "$n" -eq 1
has "... but a short reminder that the lines are still there" "$AGAIN"
case "$OUT" in
*"> i cant go on"*"$AGAIN"*"Goodnight, i cant go on."*) tap OK "... where the answer is, before the story goes on" ;;
*) tap FAIL "... where the answer is, before the story goes on" "$OUT" ;;
esac
play GB "i cant go on" 1 5 1 "i want to kill myself" 1
n=$(printf '%s\n' "$OUT" | grep -c "$SCREEN")
check "a more serious one later shows it again" test "$n" -eq 2
lacks "... and no reminder with it" "$AGAIN"
play GB "i want to kill myself" 1 10 2 "he hit me" 1
n=$(printf '%s\n' "$OUT" | grep -c "$AGAIN")
m=$(printf '%s\n' "$OUT" | grep -c "^$LATER")
check "an urge of 10 and a <support/> in a choice after the screen: one reminder each, the second in other words" \
  test "$n" -eq 1 -a "$m" -eq 1
has "abuse after a crisis screen: the abuse screen, not a reminder" "What you describe is violence."
play GB "i want to kill myself" 1 "i cant go on" "i cant go on" 4 1
n=$(printf '%s\n' "$OUT" | grep -c "$AGAIN")
check "a refused line with a sign gets the reminder, once a step" test "$n" -eq 1
has "... and the hint to type a number" "Please type a whole number"

# ---- abuse -------------------------------------------------------------------------------
play GB "he made me feel crazy for 2 years" 1
has "an abuse answer shows the screen" "$SCREEN"
has "it names what was described" "What you describe can be gaslighting"
has "it says the article's advice assumes a safe relationship" \
  "That advice assumes a relationship that was safe. It may not fit yours"
has "... and that it was not their fault" "What was done to you was not your fault"
lacks "... without quoting the advice's \"your decision\" to them (v85 TR-1)" "your decision"
has "it gives the country's domestic-abuse line" "National Domestic Abuse Helpline"
lacks "an abuse screen alone has no crisis advice" "put away anything you could use"
play "" "he made me feel crazy for 2 years" 1
has "no country: the abuse screen still gives somewhere to turn" \
  "Find A Helpline (international directory of free helplines: it lists domestic-violence and sexual-assault lines too)"
play GB "he hit me and i want to die" 1
has "crisis and abuse together: one screen with both" "What you describe is violence."
has "with the crisis lines too" "Samaritans: call 116 123."

# a second abuse screen, for something more serious: the lines again, not what the first
# one explained (the advice that assumes a safe relationship, how to name a country)
for second in answer refused; do
  if [ $second = answer ]; then play "" "he checked my phone" 1 5 1 "he hit me" 1; else
    play "" "he checked my phone" 1 "he hit me" 1 5 1 fine
  fi
  n=$(printf '%s\n' "$OUT" | grep -c "$SCREEN")
  check "a more serious sign of abuse ($second): a second screen" test "$n" -eq 2
  has "... which names it" "What you describe is violence."
  n=$(printf '%s\n' "$OUT" | grep -c "That advice assumes a relationship that was safe")
  check "... without explaining the advice again" test "$n" -eq 1
  n=$(printf '%s\n' "$OUT" | grep -c "mend does not know your country")
  check "... nor how to name a country" test "$n" -eq 1
  n=$(printf '%s\n' "$OUT" | grep -c "Find A Helpline")
  check "... but with the lines again" test "$n" -eq 2
done

# what is typed at the screen itself is still what the person said
play "" "he checked my phone" "whats even the point" "i cant do this anymore" 1
n=$(printf '%s\n' "$OUT" | grep -c "$SCREEN")
check "a sign of crisis typed at an abuse screen: its own screen" test "$n" -eq 2
has "... with the crisis lines" "you can talk to them about anything:"
has "heavy words typed at the screen: a sentence, not a hint" \
  "That sounds heavy. You do not have to hold it alone: the people above are there to talk to, about anything."
lacks "... no 'Please type'" "Please type 1"
play "" "i want to die" "i want to die" "i want to die" 1
n=$(printf '%s\n' "$OUT" | grep -c "That sounds heavy. You do not have to hold it alone")
check "heavy words typed at the screen again: the sentence once a screen" test "$n" -eq 1
has "... then heard, under the menu still on the screen (not the menu again)" "> i want to die

I hear you.
> "

# ---- lines the session refused are read too ---------------------------------------------------
play GB fine "i want to die" 1 4
has "a scale answer that is not a number, but a sign, shows the screen" "$SCREEN"
case "$OUT" in
*"$SCREEN"*"(Going on."*"How strong is the urge, 0 to 10?"*) tap OK "then the question is asked again" ;;
*) tap FAIL "then the question is asked again" "$OUT" ;;
esac
lacks "and no number hint is given instead" "Please type a whole number"
# the screen shown for a refused line counts: a story's <support/> after it
# (an urge of 10) gets the short reminder, not the screen again
play GB fine "i want to die" 1 10
check "a refused line's screen, then a story's <support/>: the screen once" \
  test "$(printf '%s' "$OUT" | grep -c "$SCREEN")" -eq 1
has "... and the reminder for the <support/>" "$AGAIN"
# ... but not when the screen came with that very answer ("10 honestly. i cant do this
# anymore": the screen, then the 10): "again" would speak of the screen just left (v81 FM-12)
play GB fine "10 honestly. i cant do this anymore" 1 1
has "a number with a sign: the screen, then the number" "(Your answer: 10.)"
lacks "... and no reminder for the <support/> its 10 brings" "$AGAIN"
has "... and the story goes on" "Next, a choice."
# heavy words with no sign for the screen, typed where a choice is asked
# ("i cant do this without him": [heavy]): where the lines are, then the hint
printf '%s\n' 9 "i cant do this without him" "i cant do this without him" 1 >"$TMP/in"
MEND_COUNTRY=GB run_mend play --no-save --plain --seed 1 stories/why-back.xml <"$TMP/in"
case "$OUT" in
*"> i cant do this without him"*"That sounds heavy. If you would like to talk to someone, type :support to see who you can reach."*"Please type a number from 1 to 2"*)
  tap OK "a heavy line at a choice: where the lines are, then the hint" ;;
*) tap FAIL "a heavy line at a choice: where the lines are, then the hint" "$OUT" ;;
esac
lacks "... and no screen" "$SCREEN"
check "... once a view" test "$(printf '%s' "$OUT" | grep -c 'That sounds heavy. If you')" -eq 1
has "... and the same line again is heard, in fewer words" "> i cant do this without him

I hear you. :support is there whenever you want it.
Please type a number from 1 to 2"
# a harsh verdict on oneself ("told:" in [heavy]) typed at a number: heard
# the same way, though heavy() leaves it to a story's own words in an answer
printf '%s\n' "i hate myself" 9 1 >"$TMP/in"
MEND_COUNTRY=GB run_mend play --no-save --plain --seed 1 stories/why-back.xml <"$TMP/in"
case "$OUT" in
*"> i hate myself"*"That sounds heavy. If you would like to talk to someone"*"Please type a whole number"*)
  tap OK "'i hate myself' at a number: where the lines are, then the hint" ;;
*) tap FAIL "'i hate myself' at a number: where the lines are, then the hint" "$OUT" ;;
esac
# ... and typed again at the next question (another view): heard in fewer words, not the
# same sentence again
printf '%s\n' "i hate myself" 9 "i hate myself" 1 >"$TMP/in"
MEND_COUNTRY=GB run_mend play --no-save --plain --seed 1 stories/why-back.xml <"$TMP/in"
check "heavy words at two questions: the sentence once" \
  test "$(printf '%s' "$OUT" | grep -c 'That sounds heavy. If you')" -eq 1
has "... and at the second, heard in fewer words" "> i hate myself

I hear you. :support is there whenever you want it.
Please type a number from 1 to 2"
printf '%s\n' 9 "i felt trapped" 1 >"$TMP/in"
MEND_COUNTRY=GB run_mend play --no-save --plain --seed 1 stories/why-back.xml <"$TMP/in"
has "words unsafe() reads, at a choice: where the lines are" \
  "That sounds hard. If they were not safe to be with, type :support to see who can help."
# after a screen of its category, the sentence says the lines from before are still there
play GB "i want to die" 1 "i cant do this without him" 4
has "heavy words at a number, after the crisis screen: the lines from before" "$AGAIN"
lacks "... not where the lines are, as if never shown" "That sounds heavy. If you would like"
play GB "i want to die" 1 "i cant do this without him" 4 "i cant do this without him" 1
n=$(printf '%s\n' "$OUT" | grep -c "$AGAIN")
check "... typed again at the next step: the reminder once a session in its words" test "$n" -eq 1
has "... then heard in fewer words" "I hear you. :support is there whenever you want it."
play GB "i want to die" 1 "i cant do this without him" 4 "i cant do this without him" \
  "i cant do this without him" 1 "i cant do this without him" 1
n=$(printf '%s\n' "$OUT" | grep -c "whenever you want it")
check "... and where :support is, once a session: the same pointer at every step read as a machine's" \
  test "$n" -eq 1
has "... after it, heard" "> i cant do this without him

I hear you.
Please type"
printf '%s\n' 9 "no idea" 1 >"$TMP/in"
MEND_COUNTRY=GB run_mend play --no-save --plain --seed 1 stories/why-back.xml <"$TMP/in"
lacks "any other line at a choice: the hint only" "That sounds"

# a more serious sign typed at the screen's own menu ("he hit me" after "They hurt me, or
# controlled me."): its screen, then the view, with no reminder straight after it
printf '%s\n' 5 2 "i want an ending i can live with" 6 "he hit me" 1 >"$TMP/in"
MEND_COUNTRY=GB run_mend play --no-save --plain --seed 1 stories/final-message.xml <"$TMP/in"
has "a sign typed at a screen's menu: its own screen" "What you describe is violence."
lacks "... and no reminder right after it" "That sounds hard again"
has "... then the view" "Then this advice was not written for you."

# ---- a story's <support/> ---------------------------------------------------------------------
play GB fine 10 1
has "a story's <support/> (an urge of 10) shows the screen" \
  "This can be a heavy moment. If you are thinking about not being alive"
play GB fine 3 2 1
has "a <support/> in a choice shows it when the choice is taken" "This can be a heavy moment."
case "$OUT" in
*"This can be a heavy moment."*"(Going on."*"  Heard."*) tap OK "before the choice's feedback" ;;
*) tap FAIL "before the choice's feedback" "$OUT" ;;
esac

# ---- the reminder on a real terminal ---------------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
  echo "# the reminder on a terminal: skipped (tmux not installed)"
else
  tmux_server safety
  S=s1
  tm new-session -d -s "$S" -x 80 -y 40 env HOME="$HOME" XDG_STATE_HOME="$XDG_STATE_HOME" \
    XDG_DATA_HOME="$XDG_DATA_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
    XDG_CACHE_HOME="$XDG_CACHE_HOME" TERM=xterm-256color LC_ALL=C.UTF-8 NO_COLOR= MEND_PATH= \
    MEND_COUNTRY=GB sh -c '"$0" play --no-save --seed 1 "$1"; echo "mend exited $?"; exec cat' \
    "$MEND" "$F"
  joined() { tm capture-pane -p -J -t "$S" -S -; }
  # the screen as one line: the player wraps paragraphs at the margin itself
  flat() { joined | tr -s '\n ' '  '; }
  shown() { case "$(flat)" in *"$1"*) return 0 ;; esac; return 1; }
  say() { tm send-keys -t "$S" -l "$1" && tm send-keys -t "$S" Enter; }
  poll 10 shown "What is on your mind tonight?" && say "i cant go on"
  poll 10 shown "1) Go on with the scenario" && say 1
  poll 10 shown "How strong is the urge" && say 5
  poll 10 shown "2) I can't deal with it" && say 1
  poll 10 shown "Anything else?" && say "i cant go on"
  if poll 10 shown "$AGAIN"; then tap OK "on a terminal, the same sign again gives the reminder"; else
    tap FAIL "on a terminal, the same sign again gives the reminder" "$(joined | tail -n 20)"
  fi
  n=$(joined | grep -c "$SCREEN")
  check "... and the screen once only" test "$n" -eq 1
  if poll 10 shown "mend exited 0"; then tap OK "... and the story ends as it would without it"; else
    tap FAIL "... and the story ends as it would without it" "$(joined | tail -n 20)"
  fi
fi

# ---- :support, :help, the library --------------------------------------------------------
play GB ":support" fine
has ":support prints the lines at any time" "If you are thinking about ending your life, or about hurting yourself:
  Samaritans: call 116 123."
has ":support prints the abuse lines too" "If someone is hurting, threatening or controlling you:"
play GB ":help"
has ":help lists :support" ":support   people you can talk to: crisis and abuse lines"
printf ':support\n:quit\n' >"$TMP/in"
MEND_COUNTRY=GB MEND_PATH=tests/e2e/fixtures run_mend <"$TMP/in"
has "the library carries one line pointing to :support" \
  "Not OK right now? Type :support for people you can talk to."
has "and :support works there" "Samaritans: call 116 123."

# ---- mend support ------------------------------------------------------------------------
run_mend support --country gb
status "mend support exits 0" 0
has "mend support --country gb: the crisis lines" "Samaritans: call 116 123."
has "the abuse lines" "National Domestic Abuse Helpline"
has "the emergency number" "Emergency: call 999."
run_mend support --list
has "mend support --list: the countries, with their codes" "IE	Ireland"
n=$(printf '%s\n' "$OUT" | wc -l)
check "at least twenty countries, and anywhere else" test "$n" -ge 21
run_mend support --country 12
status "mend support --country 12 is a usage error" 2

# ---- a counsellor's own lines and phrases -----------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/mend/safety"
cat >"$XDG_CONFIG_HOME/mend/resources" <<'EOF'
[GB]
crisis: Our clinic's night line
  call: 0100 000 000
  hours: 8 pm to 8 am
  source: our own service
  checked: 2026-12-04
EOF
cat >"$XDG_CONFIG_HOME/mend/safety/en.lexicon" <<'EOF'
[crisis: suicide]
catch the bus tonight
EOF
run_mend support --country GB
case "$OUT" in
*"Our clinic's night line: call 0100 000 000. 8 pm to 8 am."*"Samaritans"*)
  tap OK "a counsellor's own line comes first, then the bundled ones" ;;
*) tap FAIL "a counsellor's own line comes first, then the bundled ones" "$OUT" ;;
esac
play GB "im going to catch the bus tonight" 1
has "a counsellor's own phrase is a sign too" 'You wrote: "catch the bus tonight".'
printf '[crisis: suicide]\n... oops\n' >"$XDG_CONFIG_HOME/mend/safety/en.lexicon"
play GB "i want to kill myself" fine
err_has "a broken lexicon is reported with its file and line" \
  "mend/safety/en.lexicon:2: error: '... oops': '...' must stand between two words [E-lexicon]"
err_has "and what it means" "what people write is not checked for signs of crisis or abuse"
has "the story still plays" "Thank you for writing it down."
rm -rf "$XDG_CONFIG_HOME/mend"

# ---- nothing about a screen is stored ------------------------------------------------------
rm -rf "$XDG_STATE_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
play GB "i want to kill myself" 1 4 1 "all good"
check "nothing stored mentions the screen" \
  test -z "$(grep -rl -e 'A moment' -e 'crisis' -e 'Samaritans' -e 'support' \
    "$XDG_STATE_HOME" "$XDG_DATA_HOME" 2>/dev/null)"

# ---- mend safety-check ------------------------------------------------------------------------
printf '%s\n' "i want to kill myself" "this song is killing me" "I'm not suicidal" \
  "# a comment" "he choked me" >"$TMP/lines"
run_mend safety-check "$TMP/lines"
status "safety-check exits 0" 0
has "a crisis line: the verdict, the kind, the words, the lexicon line" \
  '1: crisis (suicide, severity 3): "kill myself" [line '
has "a figure of speech: none" "2: none: this song is killing me"
has "a negated sign: none, and what set it aside" '3: none (set aside, negated by "not":'
lacks "comments are skipped" "a comment"
has "abuse" '5: abuse (violence, severity 2): "he choked me"'
has "a count at the end" "4 lines: 1 crisis, 1 abuse, 2 none"
run_mend safety-check --format json "$TMP/lines"
check "--format json: one JSON object per line" json_valid lines "$TMP/out"
check "--format json: the verdict and the words" \
  jq -s -e '.[0] | .verdict == "crisis" and .crisis.words == "kill myself"' "$TMP/out"
printf '%s\n' "whats the point" "i felt trapped" "i never felt trapped" "he hit me" >"$TMP/lines"
run_mend safety-check "$TMP/lines"
has "a [heavy] phrase: no screen, and heavy() reads it" "1: none (no screen; heavy() reads it): whats the point"
has "an [unsafe] phrase: no screen, and unsafe() reads it" "2: none (no screen; unsafe() reads it): i felt trapped"
has "a negated [unsafe] phrase: none" "3: none: i never felt trapped"
has "a sign of abuse: unsafe() reads it too, said once" '4: abuse (violence, severity 2): "he hit me"'
run_mend safety-check --format json "$TMP/lines"
check "--format json: heavy and unsafe" \
  jq -s -e '.[0].heavy and (.[0].unsafe | not) and .[1].unsafe and (.[2].unsafe | not) and .[3].unsafe' "$TMP/out"
printf 'he never hit me\n' | "$MEND" safety-check - >"$TMP/out"
check "safety-check reads standard input" grep -q "1: none (set aside, negated by" "$TMP/out"
run_mend safety-check "$TMP/no-such-file"
status "a missing file exits 5" 5

# ---- each bundled scenario, answered with despair, and with a figure of speech ---------------
# The answers that lead to each story's first text question (from its plans).
paths() {
  cat <<'EOF'
energy-inward|0|6|Look at where the energy goes|Planning how to get them back|Needy|That was me. I pushed them away. I ruin everything.|Say it again, as something I can work on
final-message|1|7|Skip ahead
no-contact|0|6|Write what I feel somewhere that isn't them
posting|0|7|A photo of the new me|I'm proud of it. It's for me.|y|Write the caption
profile-check|0|8|Pause. What am I hoping to find?
speaking-of-them|2|4|Give a short, honest answer|Let them ask more|"It wasn't one awful thing
they-return|0|2|Don't answer|I already know. I'm not going back.|It's settled.|n|1|Tell them kindly that you won't restart
why-back|0|8|Look at the reasons, one at a time|I never got closure
EOF
}
paths | while IFS='|' read -r id seed rest; do
  printf '%s\n' "$rest" | tr '|' '\n' >"$TMP/path"
  { cat "$TMP/path"; echo "i honestly dont see the point of anything anymore"; } >"$TMP/in"
  MEND_COUNTRY=GB "$MEND" play --no-save --seed "$seed" "$id" <"$TMP/in" >"$TMP/out" 2>&1
  if grep -q "$SCREEN" "$TMP/out"; then tap OK "$id: despair at the first text question shows the screen"
  else tap FAIL "$id: despair at the first text question shows the screen" "$(tail -n 15 "$TMP/out")"; fi
  { cat "$TMP/path"; echo "this week is killing me lol"; } >"$TMP/in"
  MEND_COUNTRY=GB "$MEND" play --no-save --seed "$seed" "$id" <"$TMP/in" >"$TMP/out" 2>&1
  if ! grep -q "$SCREEN" "$TMP/out" && grep -q "> this week is killing me lol" "$TMP/out"; then
    tap OK "$id: \"this week is killing me lol\" there shows none"
  else tap FAIL "$id: \"this week is killing me lol\" there shows none" "$(tail -n 15 "$TMP/out")"; fi
done >"$TMP/tap"
# (the loop ran in a subshell: count its results here)
while read -r line; do
  case "$line" in
  "ok "*) tap OK "${line#ok * - }" ;;
  "not ok "*) tap FAIL "${line#not ok * - }" ;;
  "#"*) echo "$line" ;;
  esac
done <"$TMP/tap"

finish

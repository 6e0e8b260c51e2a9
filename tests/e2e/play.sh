#!/bin/sh
# SPDX-License-Identifier: MIT
# play.sh - `mend play` in plain mode, driven through a pipe: the story that
# uses every element of the format played along several paths to four of its
# five endings, answering, the player's commands, end of input, determinism,
# and what may never reach a terminal (escape sequences, bidi overrides).
#
#   MEND=$PWD/build/mend sh tests/e2e/play.sh
. tests/lib.sh

STORY=tests/fixtures/good/every-element.xml
FIX=tests/e2e/fixtures
ESC=$(printf '\033')
# the last words of a session played with --no-save (lib.sh: mend is on PATH)
NEXT="When you are ready: mend opens the scenarios again. Or simply rest for now."
RLO=$(printf '\342\200\256') # U+202E RIGHT-TO-LEFT OVERRIDE

# play SEED FILE LINE...: plays FILE with --seed SEED, one argument per input line.
play() {
  seed=$1 file=$2
  shift 2
  printf '%s\n' "$@" >"$TMP/in"
  run_mend play --no-save --seed "$seed" "$file" <"$TMP/in"
}

# in_order "what" TEXT...: every TEXT occurs in $OUT, each after the one before.
in_order() {
  what=$1
  shift
  rest=$OUT
  for s in "$@"; do
    case "$rest" in
    *"$s"*) rest=${rest#*"$s"} ;;
    *)
      tap FAIL "$what" "missing, or out of order: $s
--- output was:
$OUT"
      return 0
      ;;
    esac
  done
  tap OK "$what"
}

# lines "what" N LINE: $OUT holds exactly N lines equal to LINE.
lines() {
  n=$(printf '%s\n' "$OUT" | grep -cFx -e "$3")
  if [ "$n" = "$2" ]; then tap OK "$1"; else tap FAIL "$1" "$n lines '$3', expected $2
--- output was:
$OUT"; fi
}

last_line() {
  got=$(printf '%s\n' "$OUT" | tail -n 1)
  if [ "$got" = "$2" ]; then tap OK "$1"; else tap FAIL "$1" "last line: '$got', expected '$2'"; fi
}

# summary_lacks "what" TEXT: the summary (from "*** The end:" on) lacks TEXT.
summary_lacks() {
  case "$OUT" in
  *"*** The end:"*) ;;
  *)
    tap FAIL "$1" "no summary in the output"
    return 0
    ;;
  esac
  summary="*** The end:${OUT#*"*** The end:"}"
  case "$summary" in
  *"$2"*) tap FAIL "$1" "unexpected in the summary: $2
--- summary was:
$summary" ;;
  *) tap OK "$1" ;;
  esac
}

out_is_empty_err() {
  if [ -z "$ERR" ]; then tap OK "$1"; else tap FAIL "$1" "stderr was: $ERR"; fi
}

# ---- path 1: a complete letter, read back and burnt -> "Ashes" -------------
play 1 "$STORY" 6 y 1 "I am sorry, it was my fault. I am letting go now." 1 2
status "path to Ashes: exits 0" 0
out_is_empty_err "path to Ashes: nothing on stderr"
in_order "path to Ashes: header, paragraphs, questions and choices in order" \
  "
The unsent letter
=================
" \
  "Some things are easier to write than to say." \
  "Today you write a letter you will not send. Think of it as sealed: { for your eyes only }." \
  "How is your mood right now, from 0 to 10? [0-10]
> 6" \
  "Have you talked to anyone about the breakup? [y/n]
> y" \
  "
  1) Start the letter
  2) Breathe for a minute first
> 1" \
  "  Writing it down gives the feelings somewhere to go." \
  "Write to them. Say what you never got to say.
(To go on to a new line, end the line with \; :example shows an example.)
> I am sorry, it was my fault. I am letting go now." \
  "✓ Owns your part — \"sorry\"
  You take your share of the responsibility." \
  "
  1) Read it back
  2) Start again
> 1" \
  "  A complete letter: honest, and free of pleading." \
  "You read it back: 3 of 3 points. Ready to let go: yes." \
  "You may be closer to done than you thought." \
  "
  1) Put it in a drawer
  2) Burn it, safely
> 2" \
  "  A small ritual can mark an ending." \
  "The page curls and is gone. What you wrote is still true, and still yours." \
  "*** The end: Ashes ***"
lacks "path to Ashes: a rule that looks for pleading and finds none says nothing" "No pleading"
in_order "path to Ashes: summary with what was said (check-ins), the letter, decisions" \
  "*** The end: Ashes ***

Summary
Your check-ins:
  Mood: 6

What you wrote:
  Write to them. Say what you never got to say.
    I am sorry, it was my fault. I am letting go now.

$NEXT"
last_line "path to Ashes: the last line says what they might do next" "$NEXT"
summary_lacks "path to Ashes: no count of decisions" "Decisions made"
lacks "path to Ashes: the ending line carries no tone word" "Ashes [positive]"
summary_lacks "path to Ashes: a check-in is what was answered, not what the story made of it" \
  "Mood: 6 -> 9"
summary_lacks "path to Ashes: story state is not shown as a score" "Balance"
summary_lacks "path to Ashes: a story bool is not shown either" "Ready to let go"
summary_lacks "path to Ashes: no count of feedback tones" "Feedback you met"
lacks "path to Ashes: no low-mood paragraph when mood is 6" "A low day"
lacks "path to Ashes: no 'message your friend' paragraph after answering yes" "If it gets heavy"
lacks "path to Ashes: the negative burn feedback is hidden when ready" "will not burn the feelings"
for tone in positive neutral caution negative; do
  lacks "path to Ashes: no tone word before a feedback: [$tone]" "[$tone]"
done
lacks "path to Ashes: plain mode prints no emphasis markers" "_write_"
lacks "path to Ashes: plain mode prints no strong markers" "**say**"

# ---- path 2: low mood, breathe first, three blank pages -> "Not today" -----
play 1 "$STORY" 2 n 2 2 1 "" y 1 "" y 1 "" y
status "path to Not today: exits 0" 0
in_order "path to Not today: breathing, back to the intro, three blank pages, ending" \
  "A low day. Go gently; 2 out of 10 is allowed." \
  "If it gets heavy, you could message Sam instead of them." \
  "  A minute of breathing is not nothing." \
  "In for four, hold for four, out for six." \
  "Let the breath be slow; there is no rush." \
  "Some things are easier to write than to say." \
  "How is your mood right now, from 0 to 10? [0-10]" \
  "A low day. Go gently; 2 out of 10 is allowed." \
  "
  1) Start the letter
> 1" \
  "Leave this answer empty? [y/n]
> y

You left the page blank. That is allowed." \
  "Leave this answer empty? [y/n]
> y

A fresh page. Second drafts are often kinder.

You left the page blank. That is allowed." \
  "Leave this answer empty? [y/n]
> y

You left the page blank. That is allowed.

Some days the words do not come. Try again when Sam is around, or tomorrow." \
  "*** The end: Not today ***"
lines "path to Not today: the first-visit paragraph shows once in two visits" 1 \
  "Today you write a letter you will not send. Think of it as sealed: { for your eyes only }."
lines "path to Not today: the yes/no question with if=visits()==1 is asked once" 1 \
  "Have you talked to anyone about the breakup? [y/n]"
lines "path to Not today: the once choice is hidden after it was taken" 1 \
  "  2) Breathe for a minute first"
lines "path to Not today: 'Start again' is offered on the first two visits only" 2 \
  "  1) Start again"
lines "path to Not today: the even-visit paragraph shows on the second visit only" 1 \
  "A fresh page. Second drafts are often kinder."
lacks "path to Not today: 'Read it back' is hidden while the letter is blank" "Read it back"
lacks "path to Not today: the check does not run on a blank letter" "Owns your part"
in_order "path to Not today: summary: a check-in asked twice, from the first answer to the last" \
  "Summary
Your check-ins:
  Mood: 2 -> 2

$NEXT"
lacks "path to Not today: skipped answers are not listed as written" "What you wrote"

# a question answered before: an empty answer keeps that answer, and the
# player asks about keeping it, not about leaving it empty
play 1 "$STORY" 2 n 2 2 1 "Dear Sam" 2 "" y
in_order "an empty answer after a written one: keep it, not leave it empty" \
  "Keep your earlier answer as it is? [y/n]"
lacks "... no question about leaving it empty then" "Leave this answer empty?"

# ---- path 3: a pleading letter, rewritten, burnt while not ready -> "Ashes" -
play 1 "$STORY" 5 y 1 "I can't stop thinking, please come back" start "Sorry, please." 1 2
status "path with a rewrite: exits 0" 0
in_order "path with a rewrite: unmet rules, matches(), a second draft, both burn feedbacks" \
  "To think about: Owns your part
  You might name your part, however small." \
  "Watch: No pleading — \"please\"
  This letter is for you, not a plea to them." \
  "You wrote some don'ts and can'ts. Notice them." \
  "> start" \
  "> Sorry, please.

A fresh page. Second drafts are often kinder.

✓ Owns your part — \"Sorry\"
  You take your share of the responsibility.

Watch: No pleading — \"please\"
  This letter is for you, not a plea to them." \
  "  Worth another look before you put it away." \
  "You read it back: 2 of 3 points. Ready to let go: no." \
  "
  1) Put it in a drawer
  2) Burn it, safely
> 2

  A small ritual can mark an ending.

  Burning the page will not burn the feelings, though.

The page curls" \
  "*** The end: Ashes ***"
lines "path with a rewrite: the don't/can't paragraph only follows the first draft" 1 \
  "You wrote some don'ts and can'ts. Notice them."
lacks "path with a rewrite: no 'closer to done' when not ready" "closer to done"
in_order "path with a rewrite: the summary shows the last draft, saying one came before it" \
  "Your check-ins:
  Mood: 5

What you wrote:
  Write to them. Say what you never got to say.
    Sorry, please.
  (Your last version. You wrote one before it.)

$NEXT"
summary_lacks "path with a rewrite: the earlier draft is not repeated in the summary" \
  "I can't stop thinking"

# ---- path 4: an urge of 10 goes to wobble, then send -> "Sent" -------------
play 1 "$STORY" 5 y 1 "I miss you." READ 1 10 s Se
status "path to Sent: exits 0" 0
in_order "path to Sent: drawer only, the urge scale, wobble, ambiguous prefix, send" \
  "To think about: Owns your part
  You might name your part, however small." \
  "> READ

  Worth another look before you put it away." \
  "You read it back: 1 of 3 points. Ready to let go: no.

  1) Put it in a drawer
> 1

How strong is the urge to send the letter anyway? [0-10]
> 10

The urge is loud. That is normal, and it passes.

  1) Send it
  2) Sleep on it
> s
That matches more than one choice; type its number or more of its words.
> Se

  Sending it reopens the conversation you were trying to close.

The message is delivered. Whatever comes back, be kind to yourself about it.

*** The end: Sent ***"
lacks "path to Sent: burning is not offered when not ready and never rewritten" "Burn it"
lacks "path to Sent: a negative ending is not called negative" "Sent [negative]"
in_order "path to Sent: summary has the check-in and the other scale answer by its question" \
  "Your check-ins:
  Mood: 5
  How strong is the urge to send the letter anyway? 10

What you wrote:
  Write to them. Say what you never got to say.
    I miss you.

$NEXT"

# ---- path 5: wobble, sleep on it; the ending itself asks -> "Tomorrow's..." -
play 1 "$STORY" 5 y 1 "I miss you." 1 1 10 sl :example :example "Make coffee, then call Sam."
status "path to Tomorrow's decision: exits 0" 0
in_order "path to Tomorrow's decision: default neutral feedback, an ask inside the ending" \
  "> sl

  Waiting costs nothing.

You will look at it again in daylight.

What will you do first thing tomorrow?
(To go on to a new line, end the line with \; :example shows an example.)
> :example
Example: Make coffee and go for a walk before I check my phone.
> :example
Example: Make coffee and go for a walk before I check my phone.
> Make coffee, then call Sam.

*** The end: Tomorrow's decision ***"
in_order "path to Tomorrow's decision: summary lists the letter and the plan" \
  "Your check-ins:
  Mood: 5
  How strong is the urge to send the letter anyway? 10

What you wrote:
  Write to them. Say what you never got to say.
    I miss you.
  What will you do first thing tomorrow?
    Make coffee, then call Sam.

$NEXT"

# ---- the random branch: urge 3 draws calm_end (3) or sleep_on_it (1) -------
play 1 "$STORY" 5 y 1 "I miss you." 1 1 3 "Coffee first."
status "seed 1, urge 3: exits 0" 0
in_order "seed 1, urge 3: the draw goes to Quiet, for now" \
  "> 3

The urge is low and the letter is written. That is a good evening's work.

*** The end: Quiet, for now ***"
lacks "seed 1, urge 3: the other branch is not taken" "in daylight"
play 2 "$STORY" 5 y 1 "I miss you." 1 1 3 "Coffee first."
status "seed 2, urge 3: exits 0" 0
in_order "seed 2, urge 3: the draw goes to Tomorrow's decision" \
  "> 3

You will look at it again in daylight." \
  "> Coffee first.

*** The end: Tomorrow's decision ***"
lacks "seed 2, urge 3: the other branch is not taken" "Quiet, for now"

# ---- determinism: same seed and input, byte-identical output ---------------
play 2 "$STORY" 5 y 1 "I miss you." 1 1 3 "Coffee first."
cp "$TMP/out" "$TMP/first"
play 2 "$STORY" 5 y 1 "I miss you." 1 1 3 "Coffee first."
check "same seed and same input give byte-identical output" cmp -s "$TMP/first" "$TMP/out"
check "the repeated output is not empty" test -s "$TMP/first"

# ---- answering ---------------------------------------------------------------
play 1 "$STORY" 11 abc -1 " 4 " sometimes Y 3 0 brea
in_order "a bad scale answer gets a one-line hint, under the question (not the question again)" \
  "How is your mood right now, from 0 to 10? [0-10]
> 11
That is outside the scale: please type a number from 0 to 10.
> abc
Please type a whole number from 0 to 10.
> -1
That is outside the scale: please type a number from 0 to 10.
>  4 " \
  "Have you talked to anyone about the breakup? [y/n]
> sometimes
Please answer yes or no (y/n).
> Y
"
lines "each out-of-range scale answer gets exactly one hint line" 2 \
  "That is outside the scale: please type a number from 0 to 10."
lacks "a padded ' 4 ' is taken as 4 (no low-mood paragraph)" "A low day"
lacks "'Y' is taken as yes (no 'message your friend' paragraph)" "If it gets heavy"
in_order "a choice number out of range gets the range hint; a unique prefix picks the choice" \
  "> 3
Please type a number from 1 to 2, or the start of a choice.
> 0
Please type a number from 1 to 2, or the start of a choice.
> brea

  A minute of breathing is not nothing." \
  "In for four, hold for four, out for six."
status "input ending at a choice exits 3" 3
err_has "input ending early explains itself on stderr, naming the node" \
  "mend: input ended before the story did (waiting at 'intro')"
lacks "the end-of-input message is not on stdout" "input ended"

# not knowing is an answer a person gives: it is met as that, and a number written
# as a word or "out of 10" is the number
play 1 "$STORY" idk seven maybe "I don't know." n
in_order "'idk' at a number, 'maybe' at a yes/no: not sure is all right, and a guess is asked for" \
  "> idk
It is all right not to be sure. A guess is enough: a number from 0 to 10.
> seven" \
  "Have you talked to anyone about the breakup? [y/n]
> maybe
It is all right not to be sure. For now, which is closer: yes or no?
> I don't know.
It is all right not to be sure. For now, which is closer: yes or no?"
lacks "'seven' is taken as 7 (no hint)" "Please type a whole number"
play 1 "$STORY" "3 out of 10" y
lacks "'3 out of 10' is taken as 3" "Please type a whole number"
# a yes or a no with more after it is that yes or no ("no, not today"); "i think so"
# is a yes; with a sign after it ("no, i want to die") mend answers the line first,
# then takes the no (the person is not asked again)
play 1 "$STORY" 5 "no, not today" 1
lacks "'no, not today' at a yes/no: a no, without a hint" "Please answer yes or no"
has "... and the story goes on as after a no" "If it gets heavy"
play 1 "$STORY" 5 "yeah i did, twice" 1
lacks "'yeah i did, twice': a yes" "If it gets heavy"
lacks "... without a hint" "Please answer yes or no"
play 1 "$STORY" 5 "i think so" 1
lacks "'i think so': a yes" "If it gets heavy"
# a yes or a no in the question's own words ("i havent" at "Have you talked ...?")
# is that answer; another verb ("i have to go") is not, and is asked again
play 1 "$STORY" 5 "i havent talked to anyone" 1
lacks "'i havent talked to anyone' at 'Have you talked...?': a no, without a hint" \
  "Please answer yes or no"
has "... and the story goes on as after a no" "If it gets heavy"
play 1 "$STORY" 5 "ive talked to my sister" 1
lacks "'ive talked to my sister': a yes" "If it gets heavy"
lacks "... without a hint" "Please answer yes or no"
play 1 "$STORY" 5 "i have to go" n 1
has "'i have to go': not a yes to 'Have you talked...?'" "Please answer yes or no"
# a sentence that starts with "no one" or "nobody" says something else: not a no
play 1 "$STORY" 5 "no one will ever love me" y 1
has "'no one will ever love me' at a yes/no: not taken as a no" "Please answer yes or no"
play 1 "$STORY" 5 "nobody really" 1
lacks "'nobody really': a no, at once" "Please answer yes or no"
# not knowing, then more: not a no ("no idea"), and not "Please answer yes or no"
play 1 "$STORY" 5 "no idea tbh, he said hed change" y 1
has "'no idea tbh, he said hed change' at a yes/no: not sure" \
  "It is all right not to be sure. For now, which is closer: yes or no?"
lacks "... not read as the no of 'no idea'" "If it gets heavy"
play 1 "$STORY" "idk its bad tonight" 5 y 1
has "'idk its bad tonight' at a number: not sure" "A guess is enough: a number from 0 to 10."
play 1 "$STORY" 5 "no, i want to die" 1 1
has "'no, i want to die': the screen" "You wrote: \"want to die\""
in_order "... and, after it, the no is taken" "> no, i want to die" "(Going on." \
  "(Your answer: no.)" "If it gets heavy"
lacks "... not asked again" "Have you talked to anyone about the breakup? [y/n]
> 1"
# a number with words after a mark is that number ("9. i already texted him tonight");
# with a sign in the words, the screen first, then the number is taken; "2 years
# wasted" (no mark: a number of something else), "7.5" and "7-8" are not
play 1 stories/posting.xml "9. i already texted him tonight" 1
lacks "'9. i already texted him tonight' at a number: the 9, without a hint" "Please type a whole number"
has "... and the words are heard" "You've already reached out to them."
for a in "2, honestly" "2 honestly im ok" "2 out of 10 i guess" "2 pls i just want him back" \
  "2 its 1am and i cant sleep" "2 still cant stop thinking about her" "2 feeling good actually" \
  "2 fuck him" "2 wtf is wrong w me" "2 we broke up last week" "2 nothing helps" "2 sorry"; do
  play 1 "$STORY" "$a" y 1
  has "'$a': the 2" "A low day. Go gently; 2 out of 10 is allowed."
done
# unsure, then its number before a mark: the number ("idk like a 9. i just want them back")
for a in "idk like a 2. i just want them back" "idk, maybe 2. its a lot"; do
  play 1 "$STORY" "$a" y 1
  has "'$a': the 2" "A low day. Go gently; 2 out of 10 is allowed."
done
for a in "idk its bad tonight" "idk. 7 or 8. its a lot" "i dont know, he said hed change"; do
  play 1 "$STORY" "$a" 5
  has "'$a' at a number: not sure, no number taken" "A guess is enough: a number from 0 to 10."
done
play 1 "$STORY" "2 - i want to die" 1 y 1
has "'2 - i want to die': the screen" "You wrote: \"want to die\""
in_order "... and, after it, the number is taken" "> 2 - i want to die" "(Going on." \
  "(Your answer: 2.)" "A low day. Go gently; 2 out of 10 is allowed."
# a number whose words end the question itself ("0. he died last month" where the
# question asks if="not told('grief')"): the story goes on with them, no "I hear you."
play 1 stories/posting.xml "0. he died last month" 1
in_order "'0. he died last month' at a number that a death ends: the story goes on" \
  "> 0. he died last month" "They died, you wrote. I'm so sorry."
lacks "... without a reply that passes over it" "I hear you."
# heavy words after the number ("10 i cant do this"): heard as heavy the first time
# they are told (not "I hear you. :support is there", as if told before), then taken
play 1 "$STORY" "10 i cant do this" 1
in_order "'10 i cant do this': heard as heavy, then the 10 is taken" "> 10 i cant do this" \
  "That sounds heavy. If you would like to talk to someone, type :support" "(Your answer: 10.)"
lacks "... not as if told before" ":support is there whenever you want it"
# "4 her mum died last month": the number, then a sentence of its own ("her", "his")
play 1 "$STORY" "4 her mum died last month" 1
lacks "'4 her mum died last month' at a number: the 4 is taken" "Please type a whole number"
# ... or that ends with its number after a mark ("cant stop thinking about her. 8")
play 1 "$STORY" "cant stop thinking about her. 8" 1
lacks "'cant stop thinking about her. 8' at a number: the 8 is taken" "Please type a whole number"
play 1 "$STORY" "cant sleep again. 8 i guess" 1
lacks "'cant sleep again. 8 i guess' at a number: the 8 is taken" "Please type a whole number"
# ... a time of day before it, a hedge after it (v86 TR-5)
play 1 "$STORY" "hes texting me at 2am. 7 i think" 1
lacks "'hes texting me at 2am. 7 i think' at a number: the 7 is taken" "Please type a whole number"
play 1 "$STORY" "its 1am and i cant stop looking at her insta. like a 9" 1
lacks "'... her insta. like a 9' at a number: the 9 is taken" "Please type a whole number"
play 1 "$STORY" "7 call her later" 1
lacks "'7 call her later' at a number: the 7 is taken" "Please type a whole number"
# "7 havent left my room in days", "7 whats the point", a number in words ("about six", "six out of ten") (v83 PC-3, PC-12, v84 NC-12)
# "8 send him a pic of us", "6 went round his yesterday" (v85 PC-7, PC-12); "none honestly",
# "nothing hes not worth it", "like half?" (v86 EI-12)
for a in "7 havent left my room in days" "7 whats the point" "2 barely slept" "about two" "two out of ten" "maybe two" \
  "8 send him a pic of us" "6 went round his yesterday, he didnt answer" \
  "none honestly" "nothing hes not worth it" "like half?" "not at all"; do
  play 1 "$STORY" "$a" 1
  lacks "'$a' at a number: its number is taken" "Please type a whole number"
  lacks "'$a' at a number: not called unsure" "A guess is enough"
done
# ... or a number that is a sentence of its own between others (v82 FM-7, PC-6, EI-5)
for a in "everything. 10 i guess. my nan died tuesday" "I feel fine, maybe a 2. I hope she is happy." \
  "its been a long week. 6. whatever"; do
  play 1 "$STORY" "$a" 1
  lacks "'$a' at a number: its number is taken" "Please type a whole number"
done
for a in "i was a 5. now an 8. idk" "i texted him at 3. he didnt answer" "idk. 7 or 8. its a lot"; do
  play 1 "$STORY" "$a" 5
  case "$OUT" in
  *"> $a"*"Please type a whole number"* | *"> $a"*"It is all right not to be sure"* | *"> $a"*"A guess is enough"*) tap OK "'$a' at a number: no one number, not taken" ;;
  *) tap FAIL "'$a' at a number: no one number, not taken" "$OUT" ;;
  esac
done
for a in "2 years wasted" "7.5" "7-8" "2 years and i wasted" "we were together 5 years"; do
  play 1 "$STORY" "$a" 5
  case "$OUT" in
  *"> $a"*"Please type a whole number"* | *"> $a"*"It is all right not to be sure"*) tap OK "'$a' at a number: not taken" ;;
  *) tap FAIL "'$a' at a number: not taken" "$OUT" ;;
  esac
done
# words that only a list of the story's words hears, typed where a number is asked:
# thanked, then the hint (the story takes them in next)
play 1 stories/posting.xml "i already texted him tonight tbh" 6
in_order "'i already texted him tonight' at a number: thanked, then the hint, then heard" \
  "> i already texted him tonight tbh" "Thank you for telling me." \
  "Please type a whole number from 0 to 10." "You've already reached out to them."
# a second line at the same decision, after the story's own words for the first ("ur a
# pathetic loser", then "he died last month"): thanked too, not met with the hint alone
play 1 stories/profile-check.xml 5 "ur a pathetic loser" "he died last month"
in_order "a death typed after a dig at one decision: the story's words, then thanked" \
  "> ur a pathetic loser" "There is anger in what you typed." "> he died last month

Thank you for telling me.
Please type a number"
# words nothing in the story hears, typed where a number, a yes/no or a choice is asked
# ("i just want him back tbh"): "I hear you.", then the hint; a question typed back at a
# yes/no ("should i?") is theirs to answer; a keyboard mash gets the hint alone
play 1 "$FIX/heard.xml" "i just want him back tbh" 5 "should i?" "asdf jkl" n "what now" \
  "it down" 1
in_order "words at a number: heard, then the hint" "> i just want him back tbh" "I hear you." \
  "Please type a whole number from 0 to 10."
in_order "a question typed back at a yes/no: theirs to answer, then the hint" "> should i?" \
  "Only you can say. Either answer is all right." "Please answer yes or no (y/n)."
has "a keyboard mash at a yes/no: the hint alone" "> asdf jkl
Please answer yes or no (y/n)."
in_order "words at a choice: heard, then the hint" "> what now" "I hear you." \
  "Please type a number from 1 to 2, or the start of a choice." "Goodnight."
has "half the words of a choice at a choice ('it down'): asked about, not heard" \
  "> it down
Do you mean 2) Write it down? [y/n]"
in_order "... and a number typed there: that choice" "Do you mean 2) Write it down? [y/n]" "> 1" \
  "Goodnight."
play 1 "$FIX/heard.xml" 5 n "i just want to write" 1
in_order "... a choice's first word among more ('i just want to write'): asked about" \
  "> i just want to write" "Do you mean 2) Write it down? [y/n]"
lacks "... not heard as well" "I hear you."
# a choice named in the person's own words (v86 PO-7, FM-6, FM-12, PC-6, PC-7): asked
# about; a yes takes it, a no shows the choices again; not a word negated ("i cant block
# him"), a past form that tells ("i already blocked him"), two choices named, nor words
# the choices all share
cat >"$TMP/meant.xml" <<'XML'
<story id="meant" format="1" start="a" lang="en"><title>Meant</title>
<node id="a"><text>Well?</text>
<choice to="m">Mute them</choice><choice to="u">Unfollow them</choice>
<choice to="b">Block them</choice><choice to="l">Leave it, and rely on willpower</choice></node>
<ending id="m" title="M"><text>MUTED</text></ending><ending id="u" title="U"><text>UNFOLLOWED</text></ending>
<ending id="b" title="B"><text>BLOCKED</text></ending><ending id="l" title="L"><text>LEFT</text></ending>
</story>
XML
play 1 "$TMP/meant.xml" "block him. but what if he thinks im being petty" y
in_order "'block him. but ...': asked about, then taken" "> block him. but what if he thinks im being petty" \
  "Do you mean 3) Block them? [y/n]" "> y" "BLOCKED"
lacks "... not heard as words nothing reads" "I hear you."
play 1 "$TMP/meant.xml" "blocking him i think" n 1
in_order "... a no: the choices again, then one typed" "Do you mean 3) Block them? [y/n]" "> n" \
  "  4) Leave it, and rely on willpower" "> 1" "MUTED"
play 1 "$TMP/meant.xml" "unfolow" "ok maybe just mute him then"
in_order "... other words there: read as typed at the choices" "Do you mean 2) Unfollow them? [y/n]" \
  "> ok maybe just mute him then" "Do you mean 1) Mute them? [y/n]"
# ... and the question takes a whole yes or no only: "yes. he hit me" there is words told,
# the screen first, not a yes (v87 WB-17, PO-14, FM-18)
play 1 "$TMP/meant.xml" "blocking him i think" "yes. he hit me last night" 1 3
in_order "'yes. he hit me' at the question: the screen, not a yes" "Do you mean 3) Block them? [y/n]" \
  "> yes. he hit me last night" "A moment, before we go on." "BLOCKED"
for l in "i cant block him" "i already blocked him on everything" "mute or block" \
  "i just want them back" "if i block him hell turn up at mine" "honestly idk" \
  "mute. actually no block"; do
  play 1 "$TMP/meant.xml" "$l" 4
  lacks "'$l': not asked about" "Do you mean"
  has "... the choice typed after it is taken" "LEFT"
done
# ... once a view: typed again at the same question, the hint alone (the same words
# twice would read as a machine's); at the next question, heard again
play 1 "$FIX/heard.xml" "i just want him back tbh" "i really do miss him" 5 "what now" n 1
count=$(printf '%s\n' "$OUT" | grep -c "I hear you")
check "words typed twice at one number: heard once there, and again at the next question" \
  test "$count" = 2
has "... the second line at the number: the hint alone" "> i really do miss him
Please type a whole number from 0 to 10."
in_order "... and at the choice: heard" "> what now" "I hear you."
# told(dig): a dig typed with the no at a yes/no is heard by the story; one typed at a
# choice is heard ("I hear you.", not thanked) and brings the choice that asks told(dig)
play 1 "$FIX/dig.xml" "no. ur a pathetic loser and i never want to see u again" 1 1
in_order "a dig with the no at a yes/no: the story hears it" \
  "> no. ur a pathetic loser and i never want to see u again" \
  "That sounds angry. That is allowed."
lacks "... and takes the no" "Then go gently."
play 1 "$FIX/dig.xml" y 1 "ur such a sad loser" 2
in_order "a dig at a choice: heard, not thanked, and the choice for it offered" \
  "> ur such a sad loser" "I hear you." "2) Write the anger down, not to them" "Somewhere safe."
lacks "... never thanked" "Thank you for telling me"
# a story's <hear>: its words where "I hear you." would be, the decision still waiting;
# with to="...", the story goes on from its node at once, the decision gone
play 1 "$FIX/hear.xml" "ur a pathetic loser" 5 1 1
in_order "a dig at a number, heard by the story's <hear>: its words, then the hint" \
  "> ur a pathetic loser" "You sound angry with them. That is allowed here." \
  "Please type a whole number from 0 to 10." "Second."
lacks "... in place of the player's own words" "I hear you"
play 1 "$FIX/hear.xml" "ur a pathetic loser" "ur a pathetic loser" 5 1 1
in_order "the same line twice at one decision: the <hear>'s words, then \"I hear you.\", not the hint alone" \
  "> ur a pathetic loser" "You sound angry with them. That is allowed here." \
  "> ur a pathetic loser" "I hear you." "Please type a whole number"
play 1 "$FIX/hear.xml" "ur a pathetic loser" 5 "ur a pathetic loser" 1 1
in_order "the same dig at the next decision: the <hear>'s <again>, not the same words" \
  "> ur a pathetic loser" "You sound angry with them. That is allowed here." "> 5" \
  "> ur a pathetic loser" "Still angry. That is all right here too." "Second."
play 1 "$FIX/hear.xml" 5 "we got back together last week"
in_order "back together typed at a choice: the story goes on from its <hear>'s node" \
  "> we got back together last week" "You are back together, you said." \
  "Then this night may be different." "The end: Done"
lacks "... and the choice waiting is gone" "Second."
play 1 "$FIX/hear.xml" "we got back together last week"
in_order "... and typed at the number: not asked again" \
  "> we got back together last week" "You are back together, you said." \
  "Then this night may be different." "The end: Done"
lacks "... no hint for the number" "Please type a whole number"
play 1 "$FIX/hear.xml" "ur a pathetic loser and i cant do this without him" 5 1 1
in_order "heavy words with a dig: the heavy line first, then the <hear>'s words" \
  "> ur a pathetic loser and i cant do this without him" "That sounds heavy." \
  "You sound angry with them. That is allowed here." "Please type a whole number"
# ... at a yes/no, with the answer in the same line: its words, then the answer's view;
# or the story led on, and nothing answered
play 1 "$FIX/hear-yesno.xml" "no. ur a pathetic loser and i never want to see u again"
in_order "a dig with the no: the <hear>'s words, then the no taken" \
  "> no. ur a pathetic loser" "There is anger in what you typed." "No, then." "The end: E"
play 1 "$FIX/hear-yesno.xml" "yes, we got back together last week"
in_order "back together with a yes: the story led on by its <hear>" \
  "> yes, we got back together last week" "You are back together, you said." \
  "Then this can wait." "The end: E"
lacks "... and the yes not taken" "Yes, then."
# ... and thanked only where what comes next takes them in: at the yes/no, after which
# nothing reads a death, "he died last month" is heard, not thanked
play 1 "$FIX/heard.xml" "he died last month" 5 "he died last month" n 1
in_order "a death where a number is asked and read next: thanked, then taken in" \
  "> he died last month" "Thank you for telling me." "Please type a whole number" \
  "I am so sorry." "Have you told a friend?" "> he died last month" "I hear you." \
  "Please answer yes or no (y/n)."
count=$(printf '%s\n' "$OUT" | grep -c "Thank you for telling me")
check "... thanked once, where it is read" test "$count" = 1
# an ending with checkins="false" shows no check-ins in its summary (their words would
# not fit it); what was written is there, and another ending shows the check-ins
play 1 "$FIX/quiet-ending.xml" 6 "he was kind" 1
has "checkins=\"false\": the summary shows what was written" "What you wrote:"
lacks "... and no check-ins" "Your check-ins:"
lacks "... nor their words" "Ready to start again with them"
play 1 "$FIX/quiet-ending.xml" 6 "he was kind" 2
has "another ending: the check-ins" "Your check-ins:
  Ready to start again with them: 6"
# a question whose own condition a line told there makes false (if="not told('grief')"):
# thanked, not asked again, and the story goes on; a line that leaves it true: asked again
play 1 "$FIX/unask.xml" "he died last month" 1
in_order "a death typed at a number asked if not told('grief'): thanked, and the story goes on" \
  "> he died last month" "Thank you for telling me." "You wrote that they died. I am so sorry." \
  "1) Rest"
lacks "... the number is not asked again" "Please type a whole number"
count=$(printf '%s\n' "$OUT" | grep -c "How much do you want them back")
check "... the question shown once" test "$count" = 1
play 1 "$FIX/unask.xml" "i just want him back" 6 1
in_order "other words at it: heard, and the number asked again" "> i just want him back" \
  "I hear you." "Please type a whole number from 0 to 10." "> 6" "You said 6."
# ... in a bundled story: final-message after a death typed at its first number: not
# asked again, and its ending's summary shows what was written, not "Need for their answer"
play 1 stories/final-message.xml "he died last month" "i miss you" 4
in_order "final-message: a death at the first number, then its own short path" \
  "> he died last month" "Thank you for telling me." "You wrote that they died." \
  "> i miss you" "What you wrote:"
lacks "... the number not asked again" "Please type a whole number"
lacks "... no check-in of a need for their answer" "Need for their answer"
# ... and thanked once: told again later, where the story still reads it, it is heard
play 1 stories/posting.xml "i already texted him tonight tbh" 6 "i already texted him tonight tbh" 1
count=$(printf '%s\n' "$OUT" | grep -c "Thank you for telling me")
check "a line told twice: thanked the first time only" test "$count" = 1
in_order "... and heard the second" "> 6" "> i already texted him tonight tbh" "I hear you."
# the same for words of control, with no screen of their own ("he wouldnt let me see my
# friends"): the short line, then the no
play 1 "$STORY" 5 "no, he wouldnt let me see my friends" 1
in_order "'no, he wouldnt let me see my friends': heard, then the no" \
  "> no, he wouldnt let me see my friends" "(Your answer: no.)" "If it gets heavy"

# words typed at "Leave this answer empty?" are the answer the person meant; "yes please"
# is a yes; a lone "n" or "y" at a choice is no choice's start ("n" is not "Nobody...")
play 1 "$STORY" 5 y y 1 "" "i miss you more than i can say" 1
has "a lone y at a choice: the hint, not the choice that starts with it" "> y
Please type a number from 1 to 2, or the start of a choice."
has "words typed at 'Leave this answer empty?': taken as the answer" \
  "> i miss you more than i can say"
lacks "... not refused" "Please answer y or n."
has "... and read back as the answer" "i miss you more than i can say"
# ... and is the start of a choice that is a yes or a no
printf '%s\n' 7 "Skip ahead" "Honestly, I want them to come back." "Honestly?" y |
  "$MEND" play --no-save --seed 1 stories/final-message.xml >"$TMP/yn.txt" 2>&1
check "a lone y at a choice that begins \"Yes.\": that choice" \
  grep -q "Then the message can be about honesty" "$TMP/yn.txt"
printf '%s\n' 7 "Skip ahead" "Honestly, I want them to come back." "Honestly?" n |
  "$MEND" play --no-save --seed 1 stories/final-message.xml >"$TMP/yn.txt" 2>&1
check "a lone n: the choice that begins \"No.\", not the one that begins \"Not\"" \
  grep -q "^> n\$" "$TMP/yn.txt"
lines_n=$(grep -c "Please type a number" "$TMP/yn.txt")
check "... taken at once" test "$lines_n" -eq 0
# a lone "no", "nope", "yeah" reads the same way: a choice that begins with it, never
# "Nobody did anything wrong" (they-return, r25a)
cat >"$TMP/no.xml" <<'XML'
<story id="no" format="1" start="a"><title>No</title>
<node id="a"><text>What went wrong?</text>
<choice to="b">Nobody did anything wrong.</choice><choice to="c">I did.</choice></node>
<ending id="b" title="B"><text>NOBODY</text></ending><ending id="c" title="C"><text>I DID</text></ending></story>
XML
play 1 "$TMP/no.xml" no nope yeah 2
has "'no' at choices none of which begins with a no: the hint" "> no
Please type a number from 1 to 2, or the start of a choice."
has "... 'nope' and 'yeah' too" "> yeah
Please type a number from 1 to 2, or the start of a choice."
lacks "... and never 'Nobody'" "NOBODY"
play 1 "$TMP/no.xml" nob
has "the start of 'Nobody' still picks it" "NOBODY"
# apostrophes aside: "its harmless" is "It's harmless" (or "It’s harmless")
cat >"$TMP/apo.xml" <<'XML'
<story id="apo" format="1" start="a"><title>Apo</title>
<node id="a"><text>Well?</text><choice to="b">It’s harmless</choice><choice to="c">It's not</choice></node>
<ending id="b" title="B"><text>HARMLESS</text></ending><ending id="c" title="C"><text>NOT</text></ending></story>
XML
play 1 "$TMP/apo.xml" "its harmless"
has "'its harmless' picks 'It’s harmless'" "HARMLESS"
play 1 "$TMP/apo.xml" "its n"
has "'its n' picks 'It's not'" "NOT"
play 1 "$TMP/apo.xml" its 2
has "'its' starts both: the hint" "That matches more than one choice"
play 1 "$STORY" 5 y 1 "" "yes please"
has "'yes please' at 'Leave this answer empty?' leaves it empty" "You left the page blank."
# a line that starts with a choice and goes on ("2 but ...", its whole words and more,
# v83 TR-3): the choice, said back, where its words bring no sign and no <hear> (those
# are answered, and the choices come again); not "2 am ...", "2? idk", "2 or 1", nor a
# short label's words ("Go home, i guess")
cat >"$TMP/first.xml" <<'XML'
<story id="first" format="1" start="a"><title>First</title>
<hear if="just_told('texted')">You said you texted them.</hear>
<node id="a"><text>Well?</text>
<choice to="b">Give it a day, then think it through</choice>
<choice to="c">I already know. I'm not going back.</choice><choice to="d">Go home</choice></node>
<ending id="b" title="B"><text>DAY</text></ending><ending id="c" title="C"><text>KNOW</text></ending>
<ending id="d" title="D"><text>HOME</text></ending></story>
XML
play 1 "$TMP/first.xml" "2 but i already texted him tonight" 1
in_order "'2 but i already texted him tonight': its words heard, then the hint" \
  "You said you texted them." "Please type a number from 1 to 3, or the start of a choice." "DAY"
lacks "... and no choice taken from it (its words may say otherwise)" "(Your choice"
play 1 "$TMP/first.xml" "2 but honestly i feel better"
in_order "'2 but honestly i feel better' (heard by nothing): choice 2" \
  "(Your choice: 2) I already know. I'm not going back.)" "KNOW"
play 1 "$TMP/first.xml" "I already know. Im not going back, and I hope she is happy"
in_order "a choice's whole words, apostrophe aside, then more: that choice" \
  "(Your choice: 2) I already know. I'm not going back.)" "KNOW"
lacks "... with no 'I hear you.' before it" "I hear you."
play 1 "$TMP/first.xml" "1. i need to sleep on it"
has "'1. i need to ...': choice 1" "DAY"
cat >"$TMP/first-q.xml" <<'XML'
<story id="first-q" format="1" start="a"><title>First q</title>
<node id="a"><text>Well?</text><choice to="b">Pause. What am I hoping to find?</choice>
<choice to="c">Look anyway</choice></node>
<ending id="b" title="B"><text>PAUSE</text></ending><ending id="c" title="C"><text>LOOK</text></ending></story>
XML
play 1 "$TMP/first-q.xml" "Pause. What am I hoping to find? idk"
has "a choice's whole words with its own question mark, then more: that choice" "PAUSE"
play 1 "$TMP/first-q.xml" "pause what am i hoping to find"
has "a choice's words typed without its marks: that choice" "PAUSE"
play 1 "$TMP/first.xml" "Go home. im so tired"
has "a two-word choice, a full stop, then more: that choice" "HOME"
play 1 "$TMP/first.xml" "1 show me the way"
has "'1 show me the way': choice 1" "DAY"
for l in "2 days and i cant sleep" "1 more text"; do
  play 1 "$TMP/first.xml" "$l"
  lacks "'$l': no choice taken" "(Your choice"
done
for l in "2 am and i cant sleep" "2? idk" "2 or 1 idk" "3 jk" "Go home, no wait, dont"; do
  play 1 "$TMP/first.xml" "$l"
  lacks "'$l': no choice taken" "(Your choice"
  has "... the hint" "Please type a number from 1 to 3, or the start of a choice."
done
# (a short label's words with a hedge: asked about, not taken; a whole label taken back: neither)
play 1 "$TMP/first.xml" "Go home, i guess"
lacks "'Go home, i guess': no choice taken" "(Your choice"
has "... asked about" "Do you mean 3) Go home? [y/n]"
play 1 "$TMP/first.xml" "I already know. Im not going back. ok maybe not"
lacks "'... ok maybe not': no choice taken" "(Your choice"
lacks "... nor asked about (it takes the choice back)" "Do you mean"
play 1 "$TMP/first.xml" "3 i want to die" 1 1
in_order "'3 i want to die': the screen, then the choices again" "A moment, before we go on." \
  "  3) Go home" "DAY"
lacks "... no choice taken from it" "(Your choice"
# also="true": a second <hear> the same line made true speaks too, after the first, for
# another kind the line told; alone, it speaks as any <hear>; typed again, "I hear you."
cat >"$TMP/also.xml" <<'XML'
<story id="also" format="1" start="a"><title>Also</title>
<hear if="just_told('misses')">Missing them is part of this.</hear>
<hear if="just_told('misses')" also="true">NOT A SECOND ANSWER TO MISSING.</hear>
<hear if="just_told('isolated')" also="true">Days on your own are hard too.</hear>
<node id="a"><text>Well?</text><choice to="b">Go on</choice></node>
<ending id="b" title="B"><text>END</text></ending></story>
XML
play 1 "$TMP/also.xml" "i miss him so much and i havent left my room in days" \
  "i miss him so much and i havent left my room in days" 1
has "also: both kinds answered, in order" "Missing them is part of this. Days on your own are hard too."
lacks "... not a second hear for a kind already answered" "NOT A SECOND"
lines "... and typed again: heard, once" 1 "I hear you."
play 1 "$TMP/also.xml" "i havent left my room in days" 1
in_order "also alone: its words" "> i havent left my room in days" "Days on your own are hard too."
# ... after a <hear> that leads on, too: its words, then the also one's, then the node
cat >"$TMP/also-to.xml" <<'XML'
<story id="also-to" format="1" start="a"><title>Also to</title>
<hear if="just_told('isolated')" to="b">Days alone, you said.</hear>
<hear if="just_told('misses')" also="true">Missing them is part of this.</hear>
<node id="a"><text>Well?</text><choice to="b">Go on</choice></node>
<node id="b"><text>NODE B</text><choice to="e">End</choice></node>
<ending id="e" title="E"><text>END</text></ending></story>
XML
play 1 "$TMP/also-to.xml" "i miss him so much and i havent left my room in days" 1
in_order "also after a <hear> that leads on: its words, the also one's, then the node" \
  "Days alone, you said." "Missing them is part of this." "NODE B" "END"
# told('NAME'): a list of the words heard in a line typed where a number or a choice was
# asked ("i already texted him tonight" at the urge), by the story from then on; and the
# tester reaches both ways of it
cat >"$TMP/told.xml" <<'XML'
<story id="told" format="1" start="a"><title>Told</title>
<var name="n" type="int" min="0" max="10"/>
<node id="a"><ask var="n" kind="scale" min="0" max="10">How strong is the urge?</ask>
<text if="n > 0">Noted.</text>
<choice to="b">Go on<feedback>On.</feedback></choice></node>
<node id="b"><text if="told('texted')">You said you texted them tonight.</text>
<text if="not told('texted')">A night without reaching out.</text><goto to="e"/></node>
<ending id="e" title="E"><text>End.</text></ending></story>
XML
play 1 "$TMP/told.xml" "i already texted him tonight" 5 1
has "told('texted'): 'i already texted him tonight' at a number is heard" \
  "You said you texted them tonight."
lacks "... and not contradicted" "A night without reaching out."
play 1 "$TMP/told.xml" "i almost texted him tonight" 5 1
has "... 'i almost texted him tonight' is not" "A night without reaching out."
check "... and mend test reaches both ways of it" \
  sh -c "'$MEND' test --exhaustive --no-plans --min-coverage 100 '$TMP/told.xml' >/dev/null"
# a line that goes on after its "no" is the answer meant ("no hope shes worth it" was a
# no to leaving it empty, and its words were lost); "no, not yet" is still a no
play 1 "$STORY" 5 y 1 "" "no hope shes worth it"
has "'no hope shes worth it' at 'Leave this answer empty?': the answer" \
  "no hope shes worth it"
lacks "... not a no (the question again)" "Leave this answer empty? [y/n]
> no hope shes worth it

Write to them."
play 1 "$STORY" 5 y 1 "" "no, not yet" "i just miss her"
in_order "'no, not yet': a no, and the question again" "> no, not yet

Write to them." "> i just miss her"

play 1 "$STORY" 5 y 1 "" n "" maybe y
in_order "an empty text answer asks to skip; n asks the question again; y skips" \
  "(To go on to a new line, end the line with \; :example shows an example.)
> 
Leave this answer empty? [y/n]
> n

Write to them. Say what you never got to say.
(To go on to a new line, end the line with \; :example shows an example.)
> 
Leave this answer empty? [y/n]
> maybe
Please answer y or n.
> y

You left the page blank. That is allowed.

  1) Start again"
status "input ending after the skip exits 3" 3
err_has "the end-of-input message names the node 'write'" "(waiting at 'write')"

play 1 "$STORY" 5 y 1 ""
status "input ending at the skip confirmation exits 3" 3
err_has "input ending at the skip confirmation explains itself" \
  "mend: input ended before the story did"

play 1 "$STORY"
status "empty input exits 3" 3
in_order "empty input still prints the story up to the first question" \
  "Some things are easier to write than to say." \
  "How is your mood right now, from 0 to 10? [0-10]"
err_has "empty input: the message names the start node" "(waiting at 'intro')"

# ---- commands ------------------------------------------------------------------
play 1 "$STORY" :back 6 y :back :back 2 n 1
in_order ":back at the first decision says there is nothing to go back to" \
  "> :back
Nothing to go back to: this is the first decision.
> 6"
in_order ":back twice reprints the yes/no question, then the first question and its text" \
  "> :back
(Back to the previous decision.)

Have you talked to anyone about the breakup? [y/n]
> :back
(Back to the previous decision.)

Some things are easier to write than to say.

Today you write a letter you will not send. Think of it as sealed: { for your eyes only }.

How is your mood right now, from 0 to 10? [0-10]
> 2

A low day. Go gently; 2 out of 10 is allowed.

Have you talked to anyone about the breakup? [y/n]
> n

If it gets heavy, you could message Sam instead of them."
lines ":back twice: the first paragraph is shown twice in all" 2 \
  "Some things are easier to write than to say."

play 1 "$STORY" 6 y 1 "First draft, sorry." :back :journal "I miss you." 1 1 10 :back :back \
  :status 1 10 2 "Later."
in_order ":back over a text answer reprints the question and forgets the answer" \
  "> First draft, sorry." \
  "> :back
(Back to the previous decision.)

  Writing it down gives the feelings somewhere to go.

Write to them. Say what you never got to say." \
  "> :journal
What you wrote in this session:
  (nothing written yet in this session)
> I miss you."
in_order ":status shows the check-ins answered so far, not story state" \
  "> :status
Your check-ins so far:
  Mood: 6
> 1"
in_order "after undoing, the summary counts each answer and decision once" \
  "*** The end: Tomorrow's decision ***" \
  "Your check-ins:
  Mood: 6
  How strong is the urge to send the letter anyway? 10

What you wrote:
  Write to them. Say what you never got to say.
    I miss you.
  What will you do first thing tomorrow?
    Later.

$NEXT"
summary_lacks "an undone answer is not in the summary" "First draft"
status "a session with :back and :status still ends with 0" 0
printf '%s\n' 6 y 1 "I miss you." 1 1 10 :status :quit >"$TMP/in"
run_mend play --no-save --seed 1 --width 30 "$STORY" <"$TMP/in"
in_order ":status is wrapped to the width, as everything the player says" \
  "> :status
Your check-ins so far:
  Mood: 6
  How strong is the urge to
  send the letter anyway? 10
> :quit"

play 1 "$STORY" 5 y 1 :journal :example :example :example :example Sorry :journal :example :q
in_order ":journal before and after writing; :example cycles through the examples" \
  "> :journal
What you wrote in this session:
  (nothing written yet in this session)
> :example
Example: I'm sorry for the part I played. I hope you are well. I am letting go now.
> :example
Example: I miss you and I'm grateful for what we had. Some of it was my fault too.
> :example
Example: I'm sorry for the part I played. I hope you are well. I am letting go now.
> :example
Example: I miss you and I'm grateful for what we had. Some of it was my fault too.
> Sorry" \
  "> :journal
What you wrote in this session:
  Write to them. Say what you never got to say.
    Sorry
> :example
There is no example for this question.
> :q
Stopping here. Take care of yourself."
status ":q exits 0" 0

play 1 "$STORY" :status :quit
in_order ":status before any check-in says there is none yet" \
  "> :status
Your check-ins so far:
  (none yet)
> :quit"

play 1 "$STORY" :example :help "?" :frobnicate :quit 6
in_order ":example on a scale question says there is none" \
  "> :example
There is no example for this question."
in_order ":help lists every command, :support among them" \
  "> :help
Commands:
  :back      go back to the previous decision (again and again)
  :status    show your check-ins so far
  :journal   show what you wrote in this session
  :example   show an example answer (when the question has one)
  :save      save now (mend also saves after every step)
  :restart   start the scenario over (asks first)
  :support   people you can talk to: crisis and abuse lines, and their hours
  :quit      stop here; you can resume later
  :help, ?   this list"
lines "? shows the same help as :help" 2 "  :back      go back to the previous decision (again and again)"
in_order "an unknown command gets a hint, and the session goes on" \
  "> :frobnicate
Unknown command ':frobnicate'. Type :help for the list.
> :quit
Stopping here. Take care of yourself."
last_line ":quit stops at once: nothing after its message" "Stopping here. Take care of yourself."
status ":quit exits 0" 0
out_is_empty_err ":quit prints nothing on stderr"

play 1 "$STORY" 2 n 2 2 :restart x n 1 :restart y 7 y 1 "Sorry." 1 2
in_order ":restart asks first; a bad answer gets the hint; n keeps the session" \
  "> :restart
Start this scenario over from the beginning? [y/n]
> x
Please answer y or n.
> n
(Going on.)
> 1

  Writing it down gives the feelings somewhere to go."
in_order ":restart with y starts over: first-visit text, the once choice and the yes/no are back" \
  "> :restart
Start this scenario over from the beginning? [y/n]
> y
(Starting over.)

Some things are easier to write than to say.

Today you write a letter you will not send. Think of it as sealed: { for your eyes only }.

How is your mood right now, from 0 to 10? [0-10]
> 7

Have you talked to anyone about the breakup? [y/n]
> y

  1) Start the letter
  2) Breathe for a minute first
> 1"
in_order "after :restart the summary counts only the new session" \
  "*** The end: Ashes ***" \
  "Your check-ins:
  Mood: 7

What you wrote:
  Write to them. Say what you never got to say.
    Sorry." \
  "$NEXT"
status "a restarted session ends with 0" 0

play 1 "$STORY" 5 :restart
status "input ending at the :restart confirmation exits 3" 3
err_has "input ending at the :restart confirmation explains itself" \
  "mend: input ended before the story did"

# ---- nothing a terminal would obey ---------------------------------------------
play 1 "$FIX/escape-charref.xml"
status "a story with &#x1B; is refused at load with status 1" 1
err_has "the refusal names the file and line of the ESC reference" \
  "$FIX/escape-charref.xml:11:"
err_has "the refusal is an error: the XML parser rejects character 27" "error:"
check "a refused story prints no ESC byte on stdout or stderr" \
  sh -c "! grep -q \"\$(printf '\\033')\" '$TMP/out' '$TMP/err'"
check "a refused story starts no session (stdout empty)" test ! -s "$TMP/out"

printf '<?xml version="1.0"?>\n<story id="raw" format="1" start="e">\n<title>Raw \033[2J</title>\n<ending id="e" title="E"/>\n</story>\n' \
  >"$TMP/raw-esc.xml"
play 1 "$TMP/raw-esc.xml"
status "a story with a raw ESC byte is refused at load with status 1" 1
err_has "the refusal of a raw ESC names the file and line" "$TMP/raw-esc.xml:3:"
lacks "a refused raw-ESC story prints nothing on stdout" "Raw"

play 1 "$FIX/bidi.xml" "ab${RLO}cd" 1
status "a story with bidi overrides plays to its end" 0
in_order "bidi overrides, C1 controls and tabs are stripped from story text in plain mode" \
  "
Mirror rorrim
" \
  "Reversed: txet done. Next:line. Tab: gap." \
  "  1) Go on" \
  "You said: abcd" \
  "*** The end: End here ***" \
  "What you wrote:
  Say something.
    abcd"
lacks "no U+202E in the output, from the story or from the answer" "$RLO"
lacks "no U+0085 in the output" "$(printf '\302\205')"

play 1 "$FIX/bidi.xml" \
  "hi ${ESC}[2J there, x${ESC}]0;pwned$(printf '\007')y, $(printf 'a\302\233')2Jb$(printf '\001')" \
  "1${ESC}[H" 1
status "a session fed escape sequences still ends with 0" 0
lacks "answers holding ESC never reach the output raw" "$ESC"
lacks "an OSC title sequence in an answer is dropped from the echo" "pwned"
in_order "an answer holding escape sequences is kept without them, with a one-line note" \
  "> hi  there, xy, a2Jb
I left out 4 characters that cannot be shown."
has "the answer kept is what was written, less what cannot be shown" "You said: hi  there, xy, ab"
lines "the note is said once" 1 "I left out 4 characters that cannot be shown."
in_order "a choice answer holding ESC is not taken as a number" \
  "> 1
Please type 1, or the start of the choice.
> 1"
lacks "no U+009B (8-bit CSI) in the output" "$(printf '\302\233')"

# ---- answers of several lines ---------------------------------------------------
# In plain mode a line that ends with \ goes on with the next one, as the
# terminal's Enter does; the summary keeps the lines, a paragraph joins them.
play 1 "$FIX/draft.xml" 'I hope\' 'it ends well' 1 'Dear Sam,\' '\' 'Thank you for the years.\' \
  'Goodbye' 7
status "an answer of several lines: the session ends with 0" 0
in_order "each line ending with \\ is echoed, and the answer goes on" \
  '> Dear Sam,\
> \
> Thank you for the years.\
> Goodbye'
has "the summary keeps the answer's lines, a blank one between paragraphs" "What you wrote:
  What do you hope the message will do?
    I hope
    it ends well
  Type the message you would send.
    Dear Sam,

    Thank you for the years.
    Goodbye"
has "a paragraph that shows the answer joins its lines with a space" \
  "You wrote: Dear Sam, Thank you for the years. Goodbye"
has "the rubric reads every line" "Says goodbye"
play 1 "$FIX/draft.xml" 'the input ends\'
status "input ending after a \\: exit 3, as any input that ends early" 3

# ---- an answer that says nothing is not the last version of a draft --------
play 2 stories/speaking-of-them.xml 9 "Tell them everything" "Keep going" "They deserved" \
  "I'm too angry" "" y n "He is a jerk and a narcissist." "Try once more" . "That's enough" 9
status "speaking-of-them, a retelling then \".\": exit 0" 0
has "the summary shows the retelling, the last answer with words in it" "What you wrote:
  Write what you would say to that listener about the breakup.
    He is a jerk and a narcissist."
lacks "... not \".\" as its last version" "(Your last version"
# ... nor one written before it: "You wrote one before it" would count an "idk" as a version
play 2 stories/speaking-of-them.xml 9 "Tell them everything" "Keep going" "They deserved" \
  "I'm too angry" "" y n idk "Try once more" "He is a jerk and a narcissist." "That's enough" 9
has "an \"idk\", then a retelling: the retelling" "What you wrote:
  Write what you would say to that listener about the breakup.
    He is a jerk and a narcissist."
lacks "... not counted as a version written before it" "(Your last version"
play 1 "$FIX/draft.xml" idk 1 "I hope you are well. Goodbye." 5
has "an answer that only said nothing (\"idk\") is not read back in the summary" "What you wrote:
  Type the message you would send.
    I hope you are well. Goodbye."
lacks "... not its question, nor \"idk\"" "What do you hope the message will do?
    idk"

# heavy words a story's <hear> for them answers: its words alone, not the player's own line
# for heavy words as well (v85 SOT-12: two :support pointers in a row)
printf '%s\n' 'nobody cares anyway' 1 | "$MEND" play --no-save --plain "$FIX/hear-heavy.xml" >"$TMP/hh.txt" 2>&1
check "heavy words a <hear> answers: the story's words" grep -qF "The people at :support do, tonight." "$TMP/hh.txt"
check "... and not the player's line for them too" sh -c "! grep -qF 'That sounds heavy' '$TMP/hh.txt'"

finish

#!/bin/sh
# stories.sh - every bundled scenario loads cleanly and plays along at least
# two scripted paths to two different endings (issue 4), in plain mode.
. tests/lib.sh

# path STORY SEED "ENDING TITLE" ANSWER... : plays and checks the ending.
path() {
  story=$1 seed=$2 ending=$3
  shift 3
  printf '%s\n' "$@" >"$TMP/answers"
  run_mend play --no-save --seed "$seed" "stories/$story.xml" <"$TMP/answers"
  status "$story (seed $seed) plays to an ending" 0
  has "$story (seed $seed) reaches \"$ending\"" "*** The end: $ending ["
  lacks "$story (seed $seed) never hits an unknown answer" "Please type a number"
}

for f in stories/*.xml; do
  run_mend lint "$f"
  status "$f is lint-clean" 0
done

G="I'm sorry for how I hurt you. I know you need space and time. I'm grateful for what we had, and I truly care about you. If you choose not to talk again, I'll respect your decision and won't contact you again."
B="This is the last time I'll be texting you. I didn't do anything wrong, I just want to explain. Please answer me."

path final-message 1 "The message you kept" 8 1 2 2 "I want to stop wondering." 2 1 1 "$G" 3 1 6
for seed in 1 2 3 4 5 6; do # the random reply takes each of its three branches
  path final-message $seed "Closure in your own hands" 7 2 "Honestly, I want them to come back." \
    1 1 1 "$B" 4 1 "$G" 2 y 1 1 1 "I can be sorry and still let go." 1 1 3
done
has "the rubric flags the blaming draft" "[not met]"

path no-contact 1 "A week of space" 6 2 "I miss you and I hate that I can't tell you." 1 2 3 1 1 y 1 2 1 2 1 \
  "Writing things down helped. The birthday was the hardest." 1 4
path no-contact 1 "Back in the loop" 8 1 1 1 2 9

path profile-check 1 "A quiet screen" 8 2 "Whether they're sad too." 1 1 2 1 1 1 3
path profile-check 1 "Waiting for a reaction" 9 1 2 2 2 2 9

path posting 1 "Your life is not a message" 7 4 1 y 1 "My Saturday morning run. Legs hurt, head's clear." 1 1 \
  "Go swimming on Tuesday morning." 1 3
for seed in 1 2; do
  path posting $seed "A message in a post" 8 1 2 1 2 9
done

finish

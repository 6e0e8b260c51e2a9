#!/bin/sh
# SPDX-License-Identifier: MIT
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
  has "$story (seed $seed) reaches \"$ending\"" "*** The end: $ending ***"
  lacks "$story (seed $seed) never hits an unknown answer" "Please type a number"
}

for f in stories/*.xml; do
  run_mend lint "$f"
  status "$f is lint-clean" 0
  # every node, choice, feedback, condition both ways and rule, by the tester's
  # answers and the story's plans (which all pass)
  run_mend test -n 3000 --min-coverage 100 "$f"
  status "$f: full coverage, every plan passes" 0
done

G="I'm sorry for how I hurt you. I know you need space and time. I'm grateful for what we had, and I truly care about you. If you choose not to talk again, I'll respect your decision and won't contact you again."
B="This is the last time I'll be texting you. I didn't do anything wrong, I just want to explain. Please answer me."

path final-message 1 "Not sent, for now" 8 1 2 2 "I want to stop wondering." 2 1 1 "$G" 3 1 6
for seed in 1 2 3 4 5 6; do # the random reply takes each of its three branches
  path final-message $seed "A step toward closure" 7 2 "Honestly, I want them to come back." \
    1 1 1 "$B" 4 1 "$G" 2 y 1 1 1 "I can be sorry and still let go." 1 1 3
done
has "the notes flag the blaming draft, quoting it" "Watch: blame — \"I didn't do anything wrong\""
P="After everything I did for you, you owe me an answer. Please just answer me."
for seed in 1 2 3 4 5 6; do # a guilt trip, a promise they can't keep, a second message
  path final-message $seed "The second message" 9 2 "i want them to feel what i feel" 1 1 1 "$P" 2 n 1 2 2 2 9
  lacks "final-message (seed $seed): a guilt trip is never thanked" "Thank you for this. It means a lot."
  lacks "final-message (seed $seed): a guilt trip is not called true" "You said what was true"
done

path no-contact 1 "A week of space" 6 2 "I miss you and I hate that I can't tell you." 1 2 3 1 1 y 1 2 1 2 1 \
  "Writing things down helped. The birthday was the hardest." 1 4
# the hurting week: three long nights, and the week still goes on to its end
path no-contact 1 "A long night at the end of the week" 9 1 1 n 1 2 1 2 1 2 2 2 2 3 2 1 1 2 2 9
path no-contact 1 "Day one again, and it counts" 6 1 1 y 2 2 3 1 2 1 1 2 1 "The party was hard." 1 5

path profile-check 1 "A quiet screen" 8 2 "Whether they're sad too." 1 1 2 1 1 1 3
path profile-check 1 "Waiting for a reaction" 9 1 2 2 2 2 9

path posting 1 "Your life is not a message" 7 4 1 y 1 "My Saturday morning run. Legs hurt, head's clear." 1 1 \
  "Go swimming on Tuesday morning." 1 3
for seed in 1 2; do
  path posting $seed "A message in a post" 8 1 2 1 2 9
done
# the hurting night: an all-caps rant, posted; "nothing. i havent left the house" is met as it is
path posting 3 "A message in a post" 9 5 1 "YOU LIED TO ME FOR MONTHS. EVERYONE SHOULD KNOW WHO YOU REALLY ARE" 1 2 9
path posting 1 "Your life is not a message" 9 1 1 y 1 "SOME PEOPLE NEVER KNEW WHAT THEY HAD. I HOPE YOU SEE THIS" \
  1 1 1 1 "nothing. i havent left the house" 1 9
has "posting: the aimed caption gets its watch note" "Watch: a message to someone"
lacks "... and no praise of it as about your own life" "About your own life"
lacks "posting: 'nothing' is not given back as a plan for the week" "just for you: “nothing"
has "posting: 'nothing' is met as it is" "Then that's where you are this week"
# despair: the support screen (go on), a friend who calls
path posting 1 "Your life is not a message" 9 5 2 1 1 1 "Sleep." 1 8
has "posting: 'I can't do this without them' offers support" "This can be a heavy moment."

path energy-inward 1 "The energy comes home" 7 1 1 1 1 \
  "Say what I need out loud instead of waiting for them to guess." 1 1 1 4 \
  "Call my sister and go for a walk." 4
path energy-inward 1 "A hard day to look at yourself" 8 1 3 2 2 2 2 8
path energy-inward 1 "A post, and a wait" 6 1 2 3 1 \
  "Keep seeing my friends even when I'm in love." 2 n 2 2 6

path why-back 1 "Part of it was closure" 8 1 5 "Why did you stop trying?" 1 1 2 \
  "The weeks we barely talked." 1 4 5 1 "the waiting for them to explain."
path why-back 1 "A plan made in pain" 9 2 1 4 "How safe I felt. They would have to want it too." \
  3 2 1 "Having someone to tell about my day." 2 4 9 3

path they-return 1 "Choosing not to restart" 3 3 2 1 n 1 1 \
  "Thank you for reaching out. I've thought about it, and I don't want to start again. I wish you well." 1
path they-return 1 "A second start, eyes open" 8 2 "We both stopped making time for each other." \
  1 1 1 1 1 1 1 y 7 1
path they-return 1 "Back in, without the talk" 9 1 2 2 3 y 9 5
lacks "they-return: no 'five points' on a path that never showed them" "five points"
path they-return 1 "Your safety first" 3 4 1 1 2 # the abuse screen, then "Block their number"
path they-return 1 "A heavy day" 9 1 2 2 2 1 1 # "it always ends like this": the screen, then home

OK_MSG="We broke up last month. I'm really sad and I miss them, but it wasn't working for either of us."
for seed in 0 1; do # the random walk takes both of its branches
  path speaking-of-them $seed "Saying how it is for you" 6 2 1 2 \
    "To be listened to without anyone fixing it." y "$OK_MSG" 3
done
path speaking-of-them 1 "A hard night, and harsh words" 9 1 1 2 2 "To feel like someone was on my side." n \
  "Honestly they were a narcissist and a total jerk." 1 "They were a narcissist." 1 9
has "the name-calling note quotes the insult, in its clause" "Watch: a label — \"Honestly they were a narcissist and a total jerk\""
# an angry retelling, then a fair one: the ending follows the last (issue 13)
path speaking-of-them 1 "Saying how it is for you" 8 1 1 1 "To be heard." n \
  "He's a lying cheating bastard and everyone should know." 1 "It's over. I'm angry, and I'm so sad it ended." 6
# "he made me feel crazy": the abuse screen (go on), and no "your choice too"
path speaking-of-them 1 "Saying how it is for you" 9 1 1 2 2 \
  "For someone to believe me. He made me feel crazy for 2 years." 1 n \
  "He is a narcissist and a psycho who made me feel crazy for 2 years." 1 "We broke up. It hurt, and I'm sad and angry." 7
has "speaking-of-them: written gaslighting shows the abuse screen" "being made to doubt your own mind"
lacks "speaking-of-them: no 'your choice too' for a relationship that was not safe" "your choice too"
has "speaking-of-them: and says it was never their choice" "What they did to you was never your choice."
path speaking-of-them 1 "A post still up" 5 3 2 1 2 2 "To hear that it wasn't all my fault." y "$OK_MSG" 6

finish

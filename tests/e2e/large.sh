#!/bin/sh
# large.sh - large stories and large texts:
#   - valid stories of 20 and 60 MB, with paragraphs past the 10 MB mark,
#     load (libxml2 2.9 refused them with "Huge input lookup" when it was
#     told the encoding);
#   - a text whose {var}s could render to more than 2 MB is refused at load
#     with its line (330 000 {t} of 4 096 bytes rendered 1.35 GB per view);
#   - a text near the bound renders, plain and wrapped, in little memory:
#     the terminal wrapper needs no memory per byte.
. tests/lib.sh

# big MB: a story of about MB megabytes, a node every ~520 bytes
big() {
  awk -v mb="$1" 'BEGIN {
    para = ""; for (k = 0; k < 70; k++) para = para "words "
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<story id=\"big\" format=\"1\" start=\"n0\">"
    print "  <title>Big</title>"
    n = int(mb * 1048576 / 520)
    for (i = 0; i < n; i++)
      printf "  <node id=\"n%d\">\n    <text>%s%d</text>\n    <choice to=\"%s\">Go on<feedback>On.</feedback></choice>\n  </node>\n",
        i, para, i, (i + 1 < n ? "n" (i + 1) : "end")
    print "  <ending id=\"end\" title=\"End\" tone=\"neutral\"><text>Done.</text></ending>"
    print "</story>"
  }'
}

# amp N [SEP]: one text of N {t} (each followed by SEP), t a text of 4 096 bytes
amp() {
  awk -v n="$1" -v sep="${2:-}" 'BEGIN {
    v = ""; for (i = 0; i < 4096; i++) v = v "x"
    print "<story id=\"amp\" format=\"1\" start=\"a\"><title>Amp</title>"
    printf "<var name=\"t\" type=\"text\" init=\"%s\"/>\n", v
    printf "<node id=\"a\"><text>"
    for (i = 0; i < n; i++) printf "{t}%s", sep
    print "</text><choice to=\"e\">Go<feedback>ok</feedback></choice></node>"
    print "<ending id=\"e\" title=\"E\" tone=\"neutral\"><text>End.</text></ending></story>"
  }'
}

for mb in 20 60; do
  big $mb >"$TMP/big$mb.xml"
  run_mend lint "$TMP/big$mb.xml"
  status "a valid story of $mb MB loads (lint exits 0)" 0
  check "... with no error (no 'Huge input lookup')" sh -c "! grep -q error '$TMP/err'"
done
printf '1\n' >"$TMP/in"
run_mend play --no-save "$TMP/big60.xml" <"$TMP/in"
has "the 60 MB story plays" "> 1"

amp 330000 >"$TMP/amp.xml"
check "the amplifying story is under 1 MB" test "$(wc -c <"$TMP/amp.xml")" -lt 1400000
run_mend lint "$TMP/amp.xml"
status "a text that could render 1.35 GB is refused at load" 1
err_has "... at its line, saying why" \
  "amp.xml:3:14: error: this text can render to 1351680000 bytes (330000 {name}s, each as long as its value may be), more than the 2 MB a text may show [E-limit]"
amp 480 " " >"$TMP/near.xml"
run_mend lint "$TMP/near.xml"
status "a text that renders near the bound (480 values of 4 096 bytes) loads" 0
peak() { # peak RSS in KB of a play of FILE with OPTIONS
  f=$1
  shift
  printf '1\n' | /usr/bin/time -f %M -o "$TMP/rss" "$MEND" play --no-save "$@" "$f" \
    >"$TMP/play.out" 2>/dev/null
  cat "$TMP/rss"
}
plain=$(peak "$TMP/near.xml")
check "... and renders it in plain mode (about 2 MB shown)" \
  test "$(wc -c <"$TMP/play.out")" -gt 1900000
wrapped=$(peak "$TMP/near.xml" --width 76)
check "... and wrapped to 76 columns" test "$(grep -c '' "$TMP/play.out")" -gt 25000
echo "# peak memory: $plain KB plain, $wrapped KB wrapped"
check "wrapping it takes less than 8 MB more than printing it plain (16 bytes a byte took 32 MB)" \
  test "$wrapped" -lt $((plain + 8192))

finish

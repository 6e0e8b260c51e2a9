#!/bin/sh
# SPDX-License-Identifier: MIT
# hostile-gen.sh DIR - writes the hostile story files too large (or too odd)
# to commit into DIR, for tests/hostile.sh. POSIX sh and awk only (no python:
# a fresh Debian may lack it). Each file's comment says what it is; the
# errors expected are in tests/hostile.sh.
set -eu
d=$1
mkdir -p "$d"

head_() { # head_ ID: the start of a story, up to its first node
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<story id="%s" format="1" start="n">\n' "$1"
  printf '  <title>Generated: %s</title>\n' "$1"
}

# A 50 MB text node (over the 1 MB limit on one text).
{
  head_ text-50mb
  awk 'BEGIN {
    s = "word "; while (length(s) < 1000) s = s s; s = substr(s, 1, 1000)
    printf "  <node id=\"n\">\n    <text>"
    for (i = 0; i < 50000; i++) printf "%s", s
    printf "</text>\n    <goto to=\"end\"/>\n  </node>\n  <ending id=\"end\" title=\"End\"/>\n</story>\n"
  }'
} >"$d/text-50mb.xml"

# A 900 KB text node: under the limit; a story that loads (and a paragraph
# that gets a warning for its length).
{
  head_ text-900k
  awk 'BEGIN {
    s = "word "; while (length(s) < 1000) s = s s; s = substr(s, 1, 1000)
    printf "  <node id=\"n\">\n    <text>"
    for (i = 0; i < 900; i++) printf "%s", s
    printf "</text>\n    <goto to=\"end\"/>\n  </node>\n  <ending id=\"end\" title=\"End\"/>\n</story>\n"
  }'
} >"$d/text-900k.xml"

# A 70 MB file (over the 64 MB limit on story files): a story and a comment.
{
  head_ file-70mb
  printf '  <ending id="n" title="End"/>\n<!-- '
  head -c 73400320 /dev/zero | tr '\0' 'a'
  printf ' -->\n</story>\n'
} >"$d/file-70mb.xml"

# A million choices in one node, and 250 000: over the limit of 10 000
# elements in one element, at the 10 001st choice (line 10005).
for n in 1000000 250000; do
  {
    head_ "choices-$n"
    awk -v n=$n 'BEGIN {
      printf "  <node id=\"n\">\n"
      for (i = 0; i < n; i++) printf "<choice to=\"end\">c</choice>\n"
      printf "  </node>\n  <ending id=\"end\" title=\"End\"/>\n</story>\n"
    }'
  } >"$d/choices-$n.xml"
done

# 250 000 elements without attributes in one element (over the limit of
# 10 000, at line 10006).
{
  head_ elements-250k
  printf '  <ending id="n" title="End">\n    <text>\n'
  awk 'BEGIN { for (i = 0; i < 250000; i++) printf "<em>a</em>\n"; printf "</text>\n  </ending>\n</story>\n" }'
} >"$d/elements-250k.xml"

# At the edge of the limits for one element: 9 999 choices and a text of
# 900 KB in one node (the 200 errors shown are the targets that do not exist):
# the largest node the limits allow.
{
  head_ edge-of-limits
  printf '  <node id="n">\n'
  awk 'BEGIN {
    s = "word "; while (length(s) < 1000) s = s s; s = substr(s, 1, 1000)
    for (i = 0; i < 9999; i++) printf "<choice to=\"x\">y</choice>\n"
    printf "<text>"; for (i = 0; i < 900; i++) printf "%s", s; printf "</text>\n"
    printf "  </node>\n</story>\n"
  }'
} >"$d/edge-of-limits.xml"

# 100 000 levels of element nesting, on line 5.
{
  head_ nesting-100k
  printf '  <ending id="n" title="End">\n'
  awk 'BEGIN {
    printf "    <text>"
    for (i = 0; i < 100000; i++) printf "<em>"
    printf "deep"
    for (i = 0; i < 100000; i++) printf "</em>"
    printf "</text>\n  </ending>\n</story>\n"
  }'
} >"$d/nesting-100k.xml"

# 100 000 attributes on one element (libxml2 checks duplicate attributes in
# quadratic time: minutes), on line 4; and 200 001 attributes over many
# elements, the last on line 20004.
{
  head_ attributes-100k
  awk 'BEGIN {
    printf "  <ending id=\"n\" title=\"End\""
    for (i = 0; i < 100000; i++) printf " a%d=\"\"", i
    printf "/>\n</story>\n"
  }'
} >"$d/attributes-100k.xml"
{ # over 8 000 000 attributes in all, 64 to an element: the 125 000th element
  # with the ending's two (line 125 004) brings the count over the limit
  head_ attributes-8m
  printf '  <ending id="n" title="End"/>\n'
  awk 'BEGIN {
    e = "  <e"; for (k = 0; k < 64; k++) e = e sprintf(" a%d=\"\"", k); e = e "/>\n"
    for (i = 0; i < 125001; i++) printf "%s", e
    printf "</story>\n"
  }'
} >"$d/attributes-8m.xml"

# Identifiers of 100 000 characters: a variable (line 4), a node (5), a
# choice (6), a target (7: it names the node of line 5, which is kept, so no
# second error), a name in braces (9), a name in a condition (10).
long=$(awk 'BEGIN { s = "x"; while (length(s) < 100000) s = s s; printf "%s", substr(s, 1, 100000) }')
{
  head_ identifiers-100k
  printf '  <var name="%s" type="int"/>\n' "$long"
  printf '  <node id="%s"><goto to="n"/></node>\n' "$long"
  printf '  <node id="n"><choice id="%s" to="end">A</choice>\n' "$long"
  printf '    <choice to="%s">B</choice>\n' "$long"
  printf '  </node>\n'
  printf '  <ending id="end" title="End"><text>{%s}</text>\n' "$long"
  printf '    <text if="%s &gt; 1">Hello.</text></ending>\n' "$long"
  printf '</story>\n'
} >"$d/identifiers-100k.xml"

# Expressions nested 10 000 parentheses deep (line 7: over the length limit)
# and 1 000 deep (line 8), and deep chains of minus and not (lines 6, 9).
nest() { # nest OPEN CORE CLOSE N
  awk -v o="$1" -v c="$2" -v e="$3" -v n="$4" 'BEGIN {
    for (i = 0; i < n; i++) printf "%s", o; printf "%s", c; for (i = 0; i < n; i++) printf "%s", e }'
}
{
  head_ parentheses
  printf '  <var name="v" type="int"/>\n'
  printf '  <node id="n">\n'
  printf '    <set var="v" value="%s"/>\n' "$(nest '-' '1' '' 2000)"
  printf '    <goto to="end" if="%s"/>\n' "$(nest '(' 'v &gt; 1' ')' 10000)"
  printf '    <goto to="end" if="%s"/>\n' "$(nest '(' 'v &gt; 1' ')' 1000)"
  printf '    <goto to="end" if="%s"/>\n' "$(nest 'not ' 'true' '' 1000)"
  printf '    <goto to="end"/>\n  </node>\n  <ending id="end" title="End"/>\n</story>\n'
} >"$d/parentheses.xml"

# XInclude 50 levels deep: main.xml includes parts/p1.xml, which includes
# p2.xml, and so on; the include in p7.xml (line 3) is the one too deep.
mkdir -p "$d/include-deep/parts"
{
  head_ include-deep
  printf '  <ending id="n" title="End"/>\n'
  printf '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="parts/p1.xml"/>\n</story>\n'
} >"$d/include-deep/main.xml"
i=1
while [ $i -le 50 ]; do
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<nodes xmlns:xi="http://www.w3.org/2001/XInclude">\n'
    [ $i -lt 50 ] && printf '  <xi:include href="p%d.xml"/>\n' $((i + 1))
    printf '  <node id="p%d"><goto to="n"/></node>\n</nodes>\n' $i
  } >"$d/include-deep/parts/p$i.xml"
  i=$((i + 1))
done

# The same small file included 150 times (the limit is 99 files in all; the
# 100th include is on line 104).
mkdir -p "$d/include-many"
{
  head_ include-many
  printf '  <ending id="n" title="End"/>\n'
  awk 'BEGIN { for (i = 0; i < 150; i++) print "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"part.xml\"/>" }'
  printf '</story>\n'
} >"$d/include-many/main.xml"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<nodes/>\n' >"$d/include-many/part.xml"

# Files in the story's folder that are not what they seem: a symbolic link to
# /etc/passwd (line 5), one to /dev/zero (line 6), and a FIFO (line 7: it
# would block a reader forever).
mkdir -p "$d/include-odd"
{
  head_ include-odd
  printf '  <ending id="n" title="End"/>\n'
  printf '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="passwd.xml"/>\n'
  printf '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="zero.xml"/>\n'
  printf '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="fifo.xml"/>\n'
  printf '</story>\n'
} >"$d/include-odd/main.xml"
ln -sf /etc/passwd "$d/include-odd/passwd.xml"
ln -sf /dev/zero "$d/include-odd/zero.xml"
rm -f "$d/include-odd/fifo.xml"
mkfifo "$d/include-odd/fifo.xml"

#!/bin/sh
# export.sh - mend export on the command line: usage errors, a story with
# errors refused, --image written and read back, -o - and -o FILE, and
# --html: with the page's parts built next to the program (make web), one
# self-contained file with its policy; without them (the sanitizer build),
# status 5 and what to run. The page itself is tested in Chromium by
# tests/web/browser.cjs.
. tests/lib.sh
FIX=tests/e2e/fixtures

run_mend export
status "export with nothing to do is a usage error" 2
err_has "... which says what to write" "--html or --image"
run_mend export --html --image stories/posting.xml
status "--html and --image together is a usage error" 2
run_mend export --image --library
status "--library without --html is a usage error" 2
run_mend export --html stories/posting.xml stories/why-back.xml
status "two stories without --library is a usage error" 2
run_mend export --bogus stories/posting.xml
status "an unknown option is a usage error" 2
run_mend export --help
status "--help exits 0" 0
has "... and describes --html" "--html"

run_mend export --image $FIX/lint-many-errors.xml
status "a story with errors is not exported" 1
err_has "... and its errors are said as lint says them" "lint-many-errors.xml:13:17: error:"
[ -z "$OUT" ] && tap OK "... and nothing is written" || tap FAIL "... and nothing is written"

run_mend export --image -o "$TMP/p.img" stories/posting.xml
status "--image -o FILE writes the image" 0
head -c 8 "$TMP/p.img" | grep -q MENDIMG && tap OK "... which starts with its magic" ||
  tap FAIL "... which starts with its magic"
"$MEND" export --image -o - stories/posting.xml >"$TMP/p2.img" 2>/dev/null
cmp -s "$TMP/p.img" "$TMP/p2.img" && tap OK "-o - writes the same image to standard output" ||
  tap FAIL "-o - writes the same image to standard output"

run_mend export --html -o "$TMP/p.img/x.html" stories/posting.xml
web=$(dirname "$MEND")/web
if [ -f "$web/page.html" ] && [ -f "$web/mend.wasm" ]; then
  status "an export into a path that cannot be a folder fails with status 5" 5
  run_mend export --html -o "$TMP/p.html" stories/posting.xml
  status "--html -o FILE writes the page" 0
  p=$TMP/p.html
  grep -q '<meta http-equiv="Content-Security-Policy" content="default-src '"'"'none'"'"'; script-src '"'"'sha256-' "$p" &&
    tap OK "... with a policy that allows nothing but its own script, by hash" ||
    tap FAIL "... with a policy that allows nothing but its own script, by hash"
  if grep -Eiq '<(script|img|link|iframe)[^>]+(src|href)=' "$p"; then
    tap FAIL "... and nothing loaded from elsewhere" "$(grep -Eio '<(script|img|link|iframe)[^>]+(src|href)=[^>]*' "$p" | head -3)"
  else
    tap OK "... and nothing loaded from elsewhere"
  fi
  grep -q '{{' "$p" && tap FAIL "... every slot of page.html filled" || tap OK "... every slot of page.html filled"
  grep -q '<title>A post for them to see</title>' "$p" && tap OK "... titled with the story's title" ||
    tap FAIL "... titled with the story's title"
  # the policy's hashes are those of the page's one script and one style
  # (Node.js: a test tool of tests/web)
  if node -e '
    const h = require("fs").readFileSync(process.argv[1], "utf8");
    const sha = (s) => "sha256-" + require("crypto").createHash("sha256").update(s, "utf8").digest("base64");
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(h)[1];
    const script = /<script>([\s\S]*?)<\/script>/.exec(h)[1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(h)[1];
    process.exit(csp.includes(sha(script)) && csp.includes(sha(style)) ? 0 : 1);' "$p"; then
    tap OK "... its policy's hashes are the SHA-256 of its script and its style"
  else
    tap FAIL "... its policy's hashes are the SHA-256 of its script and its style"
  fi
  run_mend export --html --library -o "$TMP/l.html" tests/fixtures/good
  status "--html --library DIR writes one page for the folder's stories" 0
  n=$(grep -o '"library":true,"stories":\[[^]]*\]' "$TMP/l.html" | tr ',' '\n' | grep -c '"')
  [ "$n" -ge 3 ] && tap OK "... with every story of the folder ($n)" || tap FAIL "... with every story of the folder" "$n"
  run_mend export --html --library "$TMP/empty-folder"
  status "a library with no scenario is not exported" 1
else
  status "without the page's parts (make web), --html fails with status 5" 5
  err_has "... and says what builds them" "make web"
fi
finish

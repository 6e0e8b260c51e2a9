/* SPDX-License-Identifier: MIT */
/*
 * cmd_export.c - `mend export`: a story (or the library) in a form that
 * travels.
 *
 * --image writes a story image (mend.h): the story as the loader reads it,
 * for an embedding without libxml2.
 *
 * --html writes one page that plays the story (or, with --library, every
 * scenario of a menu) with nothing but a browser: web/page.html with its
 * style (page.css), its script (engine.js and page.js), the engine compiled
 * to WebAssembly (mend.wasm, `make web`), the stories as images, and the
 * data the player reads (the words of English, the safety lexicon, the
 * helplines), all inline. The page's Content-Security-Policy allows that
 * one script and that one style by their SHA-256 and nothing else: no
 * request of any kind leaves the page.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "emit.h"
#include "library.h"
#include "mend/mend.h"
#include "sha256.h"
#include "store.h"
#include "support.h"
#include "term.h"
#include "xalloc.h"

#ifndef MEND_DATADIR
#define MEND_DATADIR "/usr/local/share/mend"
#endif

#define MAX_PART (64u << 20)

static const char export_usage[] =
    "usage: mend export --html [-o FILE] STORY.xml\n"
    "       mend export --html --library [-o FILE] [DIR...]\n"
    "       mend export --image [-o FILE] STORY.xml\n"
    "\n"
    "Writes a story in a form that travels.\n"
    "\n"
    "  --html         one HTML file that plays the story in a browser, offline, with\n"
    "                 the same engine as mend play (compiled to WebAssembly); saves,\n"
    "                 the journal and check-ins stay in that browser\n"
    "  --library      with --html: every scenario of the library (as mend list shows\n"
    "                 it), or of the folders named, behind a menu\n"
    "  --image        the story image: the story as mend reads it from its files (and\n"
    "                 the files it includes), versioned and checksummed, for an engine\n"
    "                 without an XML parser; an image is checked like a story file\n"
    "  -o FILE        write to FILE (replaced whole, or written through a link or a\n"
    "                 FIFO); '-' or no -o: standard output\n"
    "\n"
    "The story is checked first, as by mend lint: a story with errors is not\n"
    "exported.\n"
    "\n"
    "Exit status: 0 written, 1 a story has errors, 2 usage, 5 a file could not be\n"
    "read or written.\n";

/* Writes the result to FILE, or to standard output for NULL or "-". */
static int write_out(const char *out, const char *data, size_t len) {
  return cmd_write_output("export", out, data, len);
}

/* A story's image, its diagnostics said; NULL when it has errors. The
 * image is libmend's: free it with mend_free(). */
static char *image_of(const char *file, size_t *len, char **title) {
  mend_diags *d = mend_diags_new();
  mend_load_opts o = {0, support_words_fn, NULL};
  char *data = NULL;
  mend_story *st = mend_story_image(file, &o, &data, len, d);
  print_diags(d);
  mend_diags_free(d);
  if (!st) return NULL;
  if (title) *title = xstrdup(mend_story_title(st));
  mend_story_free(st);
  return data;
}

/* ---- the page ------------------------------------------------------------------- */

/* The folder of the page's parts: the build tree's web/ (next to the
 * program, made by `make web`), else PREFIX/share/mend/web. */
static char *web_dir(void) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = 0;
      char *dir = store_join(exe, "web");
      char *probe = store_join(dir, "page.html");
      bool ok = access(probe, R_OK) == 0;
      free(probe);
      if (ok) return dir;
      free(dir);
    }
  }
  return xstrdup(MEND_DATADIR "/web");
}

/* Reads dir/name whole; NULL (said on stderr) when it cannot. */
static char *read_part(const char *dir, const char *name, size_t *len) {
  char *path = store_join(dir, name);
  char *data = NULL;
  int rc = store_read(path, MAX_PART, &data, len);
  if (rc) {
    fputs("mend export: cannot read ", stderr);
    term_puts(stderr, path);
    fprintf(stderr, ": %s\n", strerror(rc));
    if (rc == ENOENT)
      fputs("mend export: the page and its engine are built by `make web` and installed with "
            "mend (see README.md)\n",
            stderr);
  }
  free(path);
  return rc ? NULL : data;
}

/* A JSON string that can sit inside <script>: '<' escaped as well. */
static void json_in_html(xbuf *b, const char *s) {
  char *buf = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&buf, &n);
  if (!m) abort();
  emit_json_string(m, s);
  fclose(m);
  for (size_t i = 0; i < n; i++) {
    if (buf[i] == '<')
      xbuf_adds(b, "\\u003c");
    else
      xbuf_add(b, buf + i, 1);
  }
  free(buf);
}

static void html_text(xbuf *b, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '&': xbuf_adds(b, "&amp;"); break;
    case '<': xbuf_adds(b, "&lt;"); break;
    case '>': xbuf_adds(b, "&gt;"); break;
    case '"': xbuf_adds(b, "&quot;"); break;
    default:
      if ((unsigned char)*s >= 0x20) xbuf_add(b, s, 1);
    }
  }
}

static char *csp_hash(const char *s, size_t n) {
  uint8_t h[32];
  sha256(s, n, h);
  char *b64 = base64(h, sizeof h);
  char *out = xrealloc(NULL, strlen(b64) + 16);
  sprintf(out, "'sha256-%s'", b64);
  free(b64);
  return out;
}

typedef struct page {
  xbuf data; /* the JSON the page reads */
  size_t nstories;
  char *title;
} page;

static bool add_story(page *p, const char *file) {
  size_t len;
  char *title = NULL;
  char *img = image_of(file, &len, &title);
  if (!img) return false;
  char *b64 = base64(img, len);
  mend_free(img);
  xbuf_adds(&p->data, p->nstories++ ? ",\"" : "\"");
  xbuf_adds(&p->data, b64);
  xbuf_adds(&p->data, "\"");
  free(b64);
  if (!p->title)
    p->title = title;
  else
    free(title);
  return true;
}

/* The data the player reads, as mend play reads it from the bundled folder
 * (stories/lang/en.words, stories/safety/en.lexicon, the helplines). */
static bool add_data(page *p) {
  static const char *const parts[][2] = {{"words", "lang/en.words"},
                                         {"lexicon", "safety/en.lexicon"},
                                         {"resources", "safety/resources"}};
  char *dir = library_bundled_dir();
  bool ok = true;
  for (size_t i = 0; ok && i < sizeof parts / sizeof *parts; i++) {
    size_t len;
    char *text = read_part(dir, parts[i][1], &len);
    if (!text) {
      ok = false;
      break;
    }
    xbuf_adds(&p->data, ",\"");
    xbuf_adds(&p->data, parts[i][0]);
    xbuf_adds(&p->data, "\":");
    json_in_html(&p->data, text);
    free(text);
  }
  free(dir);
  return ok;
}

/* Fills page.html's {{NAME}} slots. */
static void fill(xbuf *out, const char *tpl, const char *const names[], char *const values[],
                 size_t n) {
  const char *p = tpl;
  for (;;) {
    const char *open = strstr(p, "{{");
    if (!open) break;
    const char *close = strstr(open, "}}");
    if (!close) break;
    xbuf_add(out, p, (size_t)(open - p));
    size_t k = 0;
    while (k < n && (strlen(names[k]) != (size_t)(close - open - 2) ||
                     strncmp(open + 2, names[k], strlen(names[k]))))
      k++;
    if (k < n)
      xbuf_adds(out, values[k]);
    else
      xbuf_add(out, open, (size_t)(close + 2 - open));
    p = close + 2;
  }
  xbuf_adds(out, p);
}

static int export_html(const char *out, bool whole, char **files, size_t nfiles) {
  page p = {{0}, 0, NULL};
  xbuf_adds(&p.data,
            whole ? "{\"library\":true,\"stories\":[" : "{\"library\":false,\"stories\":[");
  bool ok = true;
  if (whole) {
    library lib = {0};
    if (nfiles)
      for (size_t i = 0; i < nfiles; i++)
        library_scan_dir(&lib, files[i], 1);
    else
      library_scan(&lib, 1);
    for (size_t i = 0; i < lib.n && ok; i++)
      ok = add_story(&p, lib.v[i].path);
    library_free(&lib);
    if (ok && !p.nstories) {
      fputs("mend export: no scenarios found to put in the page\n", stderr);
      free(p.data.data);
      free(p.title);
      return EXIT_STORY;
    }
    free(p.title);
    p.title = xstrdup("mend: scenarios");
  } else {
    ok = add_story(&p, files[0]);
  }
  xbuf_adds(&p.data, "]");
  if (!ok) {
    free(p.data.data);
    free(p.title);
    return EXIT_STORY;
  }
  if (!add_data(&p)) {
    free(p.data.data);
    free(p.title);
    return EXIT_IO;
  }
  xbuf_adds(&p.data, "}");

  char *dir = web_dir();
  static const char *const files_of[] = {"page.html", "page.css", "engine.js", "page.js",
                                         "mend.wasm"};
  char *part[5] = {NULL};
  size_t len[5] = {0};
  int rc = EXIT_OK;
  for (int i = 0; i < 5 && rc == EXIT_OK; i++)
    if (!(part[i] = read_part(dir, files_of[i], &len[i]))) rc = EXIT_IO;
  free(dir);
  if (rc == EXIT_OK) {
    xbuf script = {0};
    xbuf_add(&script, "\n", 1);
    xbuf_add(&script, part[2], len[2]);
    xbuf_add(&script, part[3], len[3]);
    xbuf style = {0};
    xbuf_add(&style, "\n", 1);
    xbuf_add(&style, part[1], len[1]);
    char *script_hash = csp_hash(script.data, script.len);
    char *style_hash = csp_hash(style.data, style.len);
    xbuf csp = {0};
    xbuf_adds(&csp, "default-src 'none'; script-src ");
    xbuf_adds(&csp, script_hash);
    xbuf_adds(&csp, " 'wasm-unsafe-eval'; style-src ");
    xbuf_adds(&csp, style_hash);
    xbuf_adds(&csp, "; img-src data:; base-uri 'none'; form-action 'none'");
    xbuf title = {0};
    html_text(&title, p.title ? p.title : "mend");
    char *wasm = base64(part[4], len[4]);
    static const char *const names[] = {"TITLE", "CSP", "STYLE", "DATA", "WASM", "SCRIPT"};
    char *values[] = {title.data, csp.data, style.data, p.data.data, wasm, script.data};
    xbuf html = {0};
    fill(&html, part[0], names, values, 6);
    rc = write_out(out, html.data, html.len);
    free(html.data);
    free(wasm);
    free(title.data);
    free(csp.data);
    free(script_hash);
    free(style_hash);
    free(script.data);
    free(style.data);
  }
  for (int i = 0; i < 5; i++)
    free(part[i]);
  free(p.data.data);
  free(p.title);
  return rc;
}

int cmd_export(int argc, char **argv) {
  bool image = false, html = false, menu = false;
  const char *out = NULL;
  int rc = -1;
  enum { O_IMAGE = CLI_LONG, O_HTML, O_LIBRARY };
  static const cli_option options[] = {{"image", O_IMAGE, NULL},
                                       {"html", O_HTML, NULL},
                                       {"library", O_LIBRARY, NULL},
                                       {"output", 'o', "a file name"},
                                       {0}};
  cli c;
  cli_start(&c, "export", export_usage, options, argc, argv);
  for (int k; rc < 0 && (k = cli_next(&c)) != CLI_END;) {
    if (k == CLI_STOP)
      rc = c.status;
    else if (k == O_IMAGE)
      image = true;
    else if (k == O_HTML)
      html = true;
    else if (k == O_LIBRARY)
      menu = true;
    else
      out = c.arg;
  }
  char **files = c.operands;
  size_t nfiles = (size_t)c.noperands;
  for (size_t i = 0; i < nfiles && rc < 0; i++)
    if (!strcmp(files[i], "-")) /* (an image names the story's files, from its folder) */
      rc = usage_error("export", "a story to export is read from its file, with the files it "
                                 "includes: name the file, not '-'");
  if (rc < 0) {
    if (image == html)
      rc = usage_error("export", "say what to write: --html or --image");
    else if (menu && !html)
      rc = usage_error("export", "--library goes with --html");
    else if (!menu && nfiles != 1)
      rc = usage_error("export", nfiles ? "one story at a time (or --library)"
                                        : "which story? (mend export --html STORY.xml)");
  }
  if (rc < 0 && html) rc = export_html(out, menu, files, nfiles);
  if (rc < 0) {
    size_t len = 0;
    char *data = image_of(files[0], &len, NULL);
    rc = data ? write_out(out, data, len) : EXIT_STORY;
    mend_free(data);
  }
  return rc;
}

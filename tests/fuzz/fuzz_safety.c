/* SPDX-License-Identifier: MIT */
/*
 * fuzz_safety.c - the safety layer's untrusted inputs: the bytes up to the
 * first NUL are read as a lexicon and as a helplines file (a counsellor's own
 * files), the rest as a person's answer, scanned with that lexicon when it
 * loads and always with a fixed one. A scan's words must lie inside the
 * answer; a country found must be the one asked for, or "*".
 */
#include <string.h>

#include "fuzz.h"
#include "mend/safety.h"

static const char fixed[] = "language: en\n"
                            "stemmer: english\n"
                            "[variants]\n"
                            "cant = can not\n"
                            "kms = kill myself\n"
                            "[class they]\n"
                            "he she they\n"
                            "[negation before]\n"
                            "not\n"
                            "never\n"
                            "[negation after]\n"
                            "is not an option\n"
                            "[answer no]\n"
                            "no\n"
                            "[pseudo-negation]\n"
                            "not only\n"
                            "[termination]\n"
                            "but\n"
                            "i\n"
                            "[figurative]\n"
                            "dying to\n"
                            "[crisis: hopeless]\n"
                            "severity: 1\n"
                            "says: A.\n"
                            "can not go on\n"
                            "done ... with life\n"
                            "[crisis: suicide]\n"
                            "severity: 3\n"
                            "says: B.\n"
                            "kill myself/my_self\n"
                            "suicidal\n"
                            "[abuse: violence]\n"
                            "severity: 2\n"
                            "says: C.\n"
                            "@they ... hit/choke me\n";

static void check_hit(const mend_safety_hit *h, size_t size) {
  if (h->category == MEND_SAFETY_NONE) return;
  FUZZ_ASSERT(h->start <= size && h->size <= size - h->start);
  FUZZ_ASSERT(h->kind && h->phrase && h->severity >= 1);
}

static void scan(const mend_lexicon *lx, const char *text, size_t size) {
  mend_safety_result r;
  mend_safety_category c = mend_safety_scan(lx, text, size, &r);
  FUZZ_ASSERT(c == r.category);
  FUZZ_ASSERT(c == (r.crisis.category  ? MEND_SAFETY_CRISIS
                    : r.abuse.category ? MEND_SAFETY_ABUSE
                                       : MEND_SAFETY_NONE));
  check_hit(&r.crisis, size);
  check_hit(&r.abuse, size);
  check_hit(&r.set_aside, size);
  FUZZ_ASSERT(!r.set_aside.category || r.set_aside_by);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mend_lexicon *base;
  if (!base) {
    base = mend_lexicon_load_memory(fixed, strlen(fixed), "fixed", NULL);
    FUZZ_ASSERT(base);
  }
  const char *d = (const char *)data;
  const char *nul = memchr(d, 0, size);
  size_t head = nul ? (size_t)(nul - d) : size;
  const char *text = nul ? nul + 1 : "";
  size_t tsize = nul ? size - head - 1 : 0;

  mend_diags *diags = mend_diags_new();
  mend_lexicon *lx = mend_lexicon_load_memory(d, head, "fuzz.lexicon", diags);
  FUZZ_ASSERT(lx ? mend_diags_errors(diags) == 0 : mend_diags_errors(diags) > 0);
  if (lx) scan(lx, text, tsize);
  scan(base, text, tsize);
  scan(base, d, head);
  mend_lexicon_free(lx);
  mend_diags_free(diags);

  diags = mend_diags_new();
  const char *parts[] = {d};
  const size_t sizes[] = {head};
  const char *names[] = {"fuzz.resources"};
  mend_resources *r = mend_resources_load_parts(parts, sizes, names, 1, diags);
  FUZZ_ASSERT(r ? mend_diags_errors(diags) == 0 : mend_diags_errors(diags) > 0);
  for (size_t i = 0; i < mend_resources_count(r); i++) {
    const mend_country *c = mend_resources_at(r, i);
    FUZZ_ASSERT(mend_resources_find(r, c->code) == c);
    for (size_t k = 0; k < c->nlines; k++)
      FUZZ_ASSERT(c->lines[k].name && c->lines[k].source && c->lines[k].checked);
  }
  mend_resources_free(r);
  mend_diags_free(diags);
  char locale[64], cc[3];
  size_t ln = tsize < sizeof locale - 1 ? tsize : sizeof locale - 1;
  memcpy(locale, text, ln);
  locale[ln] = 0;
  if (mend_locale_country(locale, cc, sizeof cc)) FUZZ_ASSERT(strlen(cc) == 2);
  return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * coverage.c - the coverage counters of mend/test.h: one counter per
 * coverable item of a story (nodes, endings, choices, feedbacks, both
 * outcomes of content conditions, rules met and unmet, random branches,
 * hears),
 * which sessions increment as they run.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "mend/test.h"
#include "model.h"
#include "session.h"

typedef struct caps {
  size_t items, counters;
} caps;

static void add(mend_coverage *c, caps *cap, mend_cov_kind kind, const mend_story *st, loc at,
                int32_t owner, const char *what, uint64_t *counter) {
  mem_grow((void **)&c->items, &cap->items, c->nitems + 1, sizeof(mend_cov_item));
  mem_grow((void **)&c->counter, &cap->counters, c->nitems + 1, sizeof(uint64_t *));
  mend_cov_item *it = &c->items[c->nitems];
  it->kind = kind;
  it->file = st->files[at.file];
  it->line = at.line;
  it->node = owner >= 0 ? st->nodes[owner].id : "";
  it->what = what;
  it->hits = 0;
  c->counter[c->nitems++] = counter;
}

static const char *label_of(mend_coverage *c, const mend_story *st, tpl t) {
  mem_buf b = {0};
  mem_buf_add(&b, "", 0);
  for (uint32_t i = 0; i < t.count; i++) {
    const text_piece *p = &st->pieces[t.first + i];
    if (p->s)
      mem_buf_add(&b, p->s, p->n);
    else
      mem_buf_printf(&b, "{%s}", st->vars[p->var].info.name);
  }
  const char *r = mem_arena_strndup(c->arena, b.data, b.len);
  mem_buf_free(&b);
  return r;
}

mend_coverage *mend_coverage_new(const mend_story *st) {
  mend_coverage *c = mem_alloc(sizeof *c);
  c->st = st;
  c->arena = mem_arena_new();
  c->node = mem_alloc(sizeof(uint64_t) * (st->nnodes + 1));
  c->choice = mem_alloc(sizeof(uint64_t) * (st->nchoices + 1));
  c->fb = mem_alloc(sizeof(uint64_t) * (st->nfbs + 1));
  c->cond_true = mem_alloc(sizeof(uint64_t) * (st->nops + 1));
  c->cond_false = mem_alloc(sizeof(uint64_t) * (st->nops + 1));
  c->rule_met = mem_alloc(sizeof(uint64_t) * (st->nrules + 1));
  c->rule_unmet = mem_alloc(sizeof(uint64_t) * (st->nrules + 1));
  c->exit = mem_alloc(sizeof(uint64_t) * (st->nexits + 1));
  c->hear = mem_alloc(sizeof(uint64_t) * (st->nhears + 1));
  caps cap_ = {0, 0}, *capp = &cap_;
  for (size_t n = 0; n < st->nnodes; n++) {
    const node *nd = &st->nodes[n];
    int32_t ni = (int32_t)n;
    add(c, capp, nd->ending ? MEND_COV_ENDING : MEND_COV_NODE, st, nd->at, ni, nd->id, &c->node[n]);
    for (uint32_t k = 0; k < nd->nops; k++) {
      size_t oi = nd->first_op + k;
      const op *o = &st->ops[oi];
      if (o->cond >= 0) {
        add(c, capp, MEND_COV_COND_TRUE, st, o->at, ni, st->xrefs[o->cond].src, &c->cond_true[oi]);
        add(c, capp, MEND_COV_COND_FALSE, st, o->at, ni, st->xrefs[o->cond].src,
            &c->cond_false[oi]);
      }
      if (o->kind == OP_CHECK)
        for (uint32_t r = 0; r < o->count; r++) {
          const rule *ru = &st->rules[o->first + r];
          add(c, capp, MEND_COV_RULE_MET, st, ru->at, ni, ru->label, &c->rule_met[o->first + r]);
          add(c, capp, MEND_COV_RULE_UNMET, st, ru->at, ni, ru->label,
              &c->rule_unmet[o->first + r]);
        }
    }
    for (uint32_t k = 0; k < nd->nchoices; k++) {
      size_t ci = nd->first_choice + k;
      const choice *ch = &st->choices[ci];
      add(c, capp, MEND_COV_CHOICE, st, ch->at, ni, label_of(c, st, ch->label), &c->choice[ci]);
      for (uint32_t f = 0; f < ch->nfb; f++) {
        size_t fi = ch->first_fb + f;
        add(c, capp, MEND_COV_FEEDBACK, st, st->fbs[fi].at, ni, label_of(c, st, st->fbs[fi].text),
            &c->fb[fi]);
      }
      for (uint32_t k2 = 0; k2 < ch->nsets; k2++) {
        size_t oi = ch->first_set + k2;
        const op *o = &st->ops[oi];
        if (o->cond < 0) continue;
        add(c, capp, MEND_COV_COND_TRUE, st, o->at, ni, st->xrefs[o->cond].src, &c->cond_true[oi]);
        add(c, capp, MEND_COV_COND_FALSE, st, o->at, ni, st->xrefs[o->cond].src,
            &c->cond_false[oi]);
      }
    }
    for (uint32_t k = 0; k < nd->nrandom; k++) {
      size_t ei = nd->first_random + k;
      add(c, capp, MEND_COV_BRANCH, st, st->exits[ei].at, ni, st->nodes[st->exits[ei].to].id,
          &c->exit[ei]);
    }
  }
  for (size_t i = 0; i < st->nhears; i++) {
    const hear *h = &st->hears[i];
    add(c, capp, MEND_COV_HEAR, st, h->at, -1, st->xrefs[h->cond].src, &c->hear[i]);
  }
  return c;
}

void mend_coverage_free(mend_coverage *c) {
  if (!c) return;
  mem_free(c->node);
  mem_free(c->choice);
  mem_free(c->fb);
  mem_free(c->cond_true);
  mem_free(c->cond_false);
  mem_free(c->rule_met);
  mem_free(c->rule_unmet);
  mem_free(c->exit);
  mem_free(c->hear);
  mem_free(c->items);
  mem_free(c->counter);
  mem_arena_free(c->arena);
  mem_free(c);
}

size_t mend_coverage_count(const mend_coverage *c) {
  return c->nitems;
}

const mend_cov_item *mend_coverage_item(mend_coverage *c, size_t i) {
  if (i >= c->nitems) return NULL;
  c->items[i].hits = *c->counter[i];
  return &c->items[i];
}

static void sum(uint64_t *a, const uint64_t *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    a[i] += b[i];
}

void mend_coverage_merge(mend_coverage *into, const mend_coverage *from) {
  const mend_story *st = into->st;
  sum(into->node, from->node, st->nnodes);
  sum(into->choice, from->choice, st->nchoices);
  sum(into->fb, from->fb, st->nfbs);
  sum(into->cond_true, from->cond_true, st->nops);
  sum(into->cond_false, from->cond_false, st->nops);
  sum(into->rule_met, from->rule_met, st->nrules);
  sum(into->rule_unmet, from->rule_unmet, st->nrules);
  sum(into->exit, from->exit, st->nexits);
  sum(into->hear, from->hear, st->nhears);
}

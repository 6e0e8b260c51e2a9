/* SPDX-License-Identifier: MIT */
/*
 * fuzz_plan.c - the bytes are a test plan (tools/plan.c): parsed, and when it
 * parses, run on tests/fuzz/story.xml. Every divergence must name a line of
 * the plan.
 */
#include <string.h>

#include "fuzz.h"
#include "plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  plan p;
  plan_parse("fuzz.plan", (const char *)data, size, &p);
  for (size_t i = 0; i < p.nerrors; i++)
    FUZZ_ASSERT(!strncmp(p.errors[i], "fuzz.plan", 9));
  if (!p.nerrors) {
    p_result r;
    plan_run(fuzz_story(), &p, NULL, &r);
    FUZZ_ASSERT(r.steps <= r.nsteps && r.nsteps == p.nsteps);
    for (size_t i = 0; i < r.nd; i++)
      FUZZ_ASSERT(r.d[i].plan_line >= 0 && r.d[i].message);
    p_result_free(&r);
  }
  plan_free(&p);
  return 0;
}

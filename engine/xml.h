/* SPDX-License-Identifier: MIT */
/*
 * xml.h - reading story files with libxml2, safely: size limit, UTF-8 only,
 * no DOCTYPE (so no entities, internal or external), no network, bounded
 * depth; XInclude resolved by hand (relative paths inside the story's folder,
 * bounded depth, loops refused) so that each included file keeps its own name
 * and line numbers; RELAX NG validation against the schema compiled into the
 * library. Errors go to the diagnostics list, with file, line and column.
 */
#ifndef MEND_XML_H
#define MEND_XML_H

#include <stdbool.h>
#include <stdint.h>

#include "tree.h"

/* Parses the main file (or memory buffer). Returns its index in set->files,
 * or -1 after reporting. */
int xml_open_file(xml_set *set, const char *path);
int xml_open_memory(xml_set *set, const char *data, size_t size, const char *name,
                    const char *base_dir);
/* Resolves an <xi:include> element found in file `from`: checks it, parses
 * the file and returns its index, or -1 after reporting. `depth` is the
 * include depth of `from` (0 for the main file); `chain` lists the files
 * being included (for loop detection), `nchain` long. */
int xml_include(xml_set *set, int from, const xt_node *inc, const int *chain, int nchain);
/* Validates every file against the schema (needs set->keep_doc). Returns
 * false after reporting. */
bool xml_validate(xml_set *set);

#endif

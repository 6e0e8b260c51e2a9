/* SPDX-License-Identifier: MIT */
/*
 * image.h - story images: the trees of a story's files (tree.h), as the
 * loader reads them, in a compact binary form that travels where there are
 * no files and no XML parser (the engine in WebAssembly, in a page that
 * `mend export --html` writes).
 *
 * An image holds exactly what the loader compiles from XML: elements with
 * their names, namespaces and attributes, texts, line numbers, the files'
 * names, the story's content hash. Loading one runs every check of the
 * loader again, so an image needs no more trust than a story file, and gets
 * none: a reader checks the header, the version, the length and the
 * checksum, then every string (UTF-8, characters XML allows, names without
 * markup) and every limit the XML reader enforces (sizes, counts, nesting),
 * without recursion, before the loader sees a tree.
 *
 * Format (integers little-endian; "varint" is LEB128, at most 10 bytes):
 *   header, 32 bytes: "MENDIMG\n", u32 image version (1), u32 story format
 *     version, u64 payload length, u64 checksum (mem_hash of the payload)
 *   payload: u64 the story's content hash; varint string count, then each
 *     string as varint length and bytes; varint file count, then each file:
 *     varint name (a string's index) and its tree, in document order, as
 *     records: 1 element (varint line, name, prefix+1, namespace+1 (0 for
 *     none), attribute count, then per attribute name, prefix+1, ns+1,
 *     value), 2 text (varint line, string), 0 end of the open element. A
 *     file's tree ends with the end of its root element.
 */
#ifndef MEND_IMAGE_H
#define MEND_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "mem.h"
#include "tree.h"

#define IMAGE_MAGIC "MENDIMG\n"
#define IMAGE_VERSION 1u
#define IMAGE_HEADER 32u

/* Writes the image of a set read without errors. File names are written
 * relative to the main file's folder. */
void image_write(const xml_set *set, mem_buf *out);
/* Reads an image into an empty set; returns the main file's index (0), or -1
 * after reporting why it cannot be read. */
int image_read(xml_set *set, const char *data, size_t size);
/* Resolves an <xi:include> of an image: the next file it holds, when its
 * name is the one the include names. Returns its index, or -1 after
 * reporting. */
int image_include(xml_set *set, int from, const xt_node *inc, int nchain);

#endif

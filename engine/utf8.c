/* SPDX-License-Identifier: MIT */
/* utf8.c - see utf8.h. */
#include "utf8.h"

#include "mem.h"
#include "mend/mend.h"

size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp) {
  if (n == 0) return 0;
  unsigned c = s[0];
  size_t len;
  unsigned min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, min = 0x80, c &= 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, min = 0x800, c &= 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, c &= 0x07;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    c = (c << 6) | (s[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}

bool utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  unsigned cp;
  while (i < n) {
    if (p[i] < 0x80) {
      i++;
      continue;
    }
    size_t k = utf8_seq(p + i, n - i, &cp);
    if (!k) return false;
    i += k;
  }
  return true;
}

size_t utf8_count(const char *s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) count++;
  return count;
}

bool utf8_has_control(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n; i++) {
    if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7F) return true;
    /* C1 controls U+0080..U+009F are encoded C2 80..C2 9F */
    if (p[i] == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) return true;
  }
  return false;
}

size_t mend_utf8_decode(const char *s, size_t n, unsigned *cp) {
  return utf8_seq((const unsigned char *)s, n, cp);
}

/* The end of an escape sequence that starts at s[i] (ESC, or the C1 CSI
 * U+009B at i - 1), or i + 1 when what follows is no sequence: then the ESC
 * alone is left out. CSI: parameters and intermediates, then a final byte.
 * OSC, DCS, SOS, PM, APC: a string ended by BEL or ESC \, on one line (an
 * unended one leaves only its introducer out, so that a stray ESC ] never
 * takes the rest of an answer with it). Others: intermediates and a final.
 */
static size_t escape_end(const unsigned char *s, size_t n, size_t i, bool csi) {
  size_t k = csi ? i : i + 1;
  if (csi || (k < n && s[k] == '[')) {
    if (!csi) k++;
    while (k < n && s[k] >= 0x20 && s[k] <= 0x3F)
      k++;
    return k < n && s[k] >= 0x40 && s[k] <= 0x7E ? k + 1 : k;
  }
  if (k < n && (s[k] == ']' || s[k] == 'P' || s[k] == 'X' || s[k] == '^' || s[k] == '_')) {
    for (size_t j = k + 1; j < n; j++) {
      if (s[j] == 0x07) return j + 1;
      if (s[j] == 0x1B && j + 1 < n && s[j + 1] == '\\') return j + 2;
      if (s[j] < 0x20 && s[j] != '\t') break;
    }
    return k + 1;
  }
  if (k + 1 < n && (s[k] == 'N' || s[k] == 'O') && s[k + 1] >= 0x40 && s[k + 1] <= 0x7E)
    return k + 2; /* SS2, SS3: one more character (ESC O P is F1) */
  size_t j = k;
  while (j < n && s[j] >= 0x21 && s[j] <= 0x2F) /* (a space after ESC is text) */
    j++;
  return j < n && s[j] >= 0x30 && s[j] <= 0x7E ? j + 1 : i + 1;
}

size_t utf8_clean(const char *str, size_t n, mem_buf *out) {
  const unsigned char *s = (const unsigned char *)str;
  size_t dropped = 0, i = 0;
  mem_buf_add(out, "", 0);
  while (i < n) {
    unsigned c = s[i], cp;
    if (c == '\r') { /* \r\n and a lone \r (older systems' notes) are line breaks */
      mem_buf_addc(out, '\n');
      i += i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
      continue;
    }
    if (c == 0x1B) {
      i = escape_end(s, n, i, false);
      dropped++;
      continue;
    }
    if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F)) {
      mem_buf_addc(out, (char)c);
      i++;
      continue;
    }
    size_t len = c < 0x80 ? 1 : utf8_seq(s + i, n - i, &cp);
    if (c < 0x80 || len == 0) { /* a C0 control, DEL, NUL, or a byte that is not UTF-8 */
      i++;
      dropped++;
      continue;
    }
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) { /* next line, line and paragraph separators */
      mem_buf_addc(out, '\n');
    } else if (cp == 0x9B) { /* the C1 CSI: a sequence as ESC [ starts one */
      i = escape_end(s, n, i + len, true);
      dropped++;
      continue;
    } else if (cp >= 0x80 && cp <= 0x9F) {
      dropped++;
    } else {
      mem_buf_add(out, str + i, len);
    }
    i += len;
  }
  return dropped;
}

char *mend_answer_clean(const char *answer, size_t len, size_t *dropped) {
  mem_buf b = {0};
  size_t d = utf8_clean(answer ? answer : "", answer ? len : 0, &b);
  if (dropped) *dropped = d;
  return b.data;
}

#ifndef CXLSXFASTPATHS_CELLXML_H
#define CXLSXFASTPATHS_CELLXML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The sheet's file is written by one thread at a time, so glibc's unlocked write will do. */
#ifdef __GLIBC__
#define cxlsx_write_bytes fwrite_unlocked
#else
#define cxlsx_write_bytes fwrite
#endif

/* Shared by the cell fast paths; not part of the target's interface. */

/* Whether this thread's cells take the fast paths: turned on (see cxlsx_set_cell_fast_paths), and
 * the loaded libxlsxwriter the one whose internal functions they stand in for. */
int cxlsx_cell_fast_paths_apply(void);

/* Whether the loaded libxlsxwriter is 1.1.4, whose internal functions' signatures and output the
 * cell fast paths follow; with any other version every cell goes to the library. */
int cxlsx_library_is_known(void);

/* The decimal digits of `value` into `text` (room for 20); returns their count. */
int cxlsx_decimal_text(uint64_t value, char *text);

/* `<c r="RANGE"` and ` s="N"` for a style other than 0, as libxlsxwriter starts a cell, into `xml`
 * (room for 64); returns the length. The style must not be negative (the library's never is; a
 * fast path hands such a cell back to the library). */
size_t cxlsx_cell_start(char *xml, const char *range, int32_t style_index);

#endif

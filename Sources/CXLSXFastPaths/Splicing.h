#ifndef CXLSXFASTPATHS_SPLICING_H
#define CXLSXFASTPATHS_SPLICING_H

#include "CXLSXFastPaths.h"
#include "ParallelPacking.h"

/* Where the rows spooled by a sheet's writer (SheetRows.c) go into the sheet's part (Splicing.c);
 * not part of the target's interface. */

typedef struct cxlsx_splice_scan cxlsx_splice_scan;

/* A scan of the entry about to be written to `file`, when this thread registered rows to splice
 * into the workbook it closes that are not yet placed; NULL otherwise (the bytes then go straight
 * to the blocks). */
cxlsx_splice_scan *cxlsx_splice_scan_new(void *file);

/* Passes `length` bytes written to the entry on to its blocks (cxlsx_packed_entry_feed), the two
 * marker rows of a registered sheet replaced by its spooled rows. ZIP_OK (0), or an error with the
 * reason kept for cxlsx_splice_finish. */
int cxlsx_splice_scan_write(cxlsx_splice_scan *scan, cxlsx_packed_entry *entry, const unsigned char *bytes,
                            size_t length);

/* At the entry's end: passes on the bytes held back, or fails when a marker row began and its
 * region never ended. Frees the scan either way. */
int cxlsx_splice_scan_end(cxlsx_splice_scan *scan, cxlsx_packed_entry *entry);

/* Frees a scan without passing anything on (the entry failed). */
void cxlsx_splice_scan_free(cxlsx_splice_scan *scan);

/* At zipClose of `file`: an error when rows registered on this thread were never placed. */
int cxlsx_splice_check_closed(void *file);

/* The packed entry's input, used by the scan: bytes as they are, deflated here. */
int cxlsx_packed_entry_feed(cxlsx_packed_entry *entry, const unsigned char *bytes, size_t length);
/* And the rows already deflated: `deflated` bytes of `fd` from offset 0, a deflate stream left open on
 * a byte boundary, of `length` bytes with CRC-32 `crc`. */
int cxlsx_packed_entry_feed_deflated(cxlsx_packed_entry *entry, int fd, unsigned long long deflated,
                                     unsigned long crc, unsigned long long length);

/* Writes a finished writer's rows (SheetRows.c), deflated, into the entry: feed_deflated with the
 * file, its length, the rows' CRC-32 and count. ZIP_OK (0) or the entry's error. */
int cxlsx_sheet_rows_pack(const cxlsx_sheet_rows *rows, cxlsx_packed_entry *entry);

#endif

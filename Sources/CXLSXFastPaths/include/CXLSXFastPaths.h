#ifndef CXLSXFASTPATHS_H
#define CXLSXFASTPATHS_H

/* How libxlsxwriter's zip file is packed: how tightly, and on how many cores.
 *
 * libxlsxwriter packs every part through minizip's public functions at zlib's default level, on
 * the thread that closes the workbook, and has no option for either; at 100,000 responses that
 * deflate was a third of the export. This target defines four of minizip's functions itself
 * (zipOpenNewFileInZip4_64, zipWriteInFileInZip, zipCloseFileInZip, zipClose): a definition in
 * the program comes before the shared libraries' in the dynamic linker's search, so
 * libxlsxwriter's calls land here. The open passes every argument on to minizip's own (found with
 * RTLD_NEXT) with the level changed, and asks for a raw entry: the parts' bytes are then deflated
 * here, in blocks on a thread a core, and written through minizip's own zipWriteInFileInZip
 * (ParallelPacking.c). Nothing here knows libxlsxwriter's internals or its version, nor minizip's
 * structures: only minizip's public signatures and zlib's. Each part's bytes are the same; only
 * how they are deflated differs.
 *
 * Where the calls do not land here (a libxlsxwriter with minizip built in and bound to it, a
 * platform without such interposition), or the fast paths are off, the library packs as it always
 * does, at zlib's default level on one thread. */

/* The switch: on unless the environment says SAMLA_XLSX_FAST_PATHS=off (or 0, or no) when the
 * program first asks. */
int cxlsx_fast_paths_allowed_by_environment(void);

/* Overrides the environment for the whole program from now on: 1 on, 0 off, -1 back to the
 * environment's choice; so a test can compare a workbook written both ways. */
void cxlsx_set_fast_paths(int enabled);

/* Whether workbooks written from now on take the fast paths. */
int cxlsx_fast_paths_enabled(void);

/* The level for the workbooks this thread closes from now on: 1 (fastest) to 9 (smallest), or -1
 * for zlib's default. Other threads keep their own. */
void cxlsx_set_deflate_level(int level);

/* The level in force on this thread. */
int cxlsx_deflate_level(void);

/* Whether libxlsxwriter's calls reach this target's definition. */
int cxlsx_deflate_level_takes_effect(void);

/* Whether libxlsxwriter's writes and closes reach this target too, so that its parts are deflated
 * in blocks on every core when the fast paths are on. */
int cxlsx_parallel_packing_takes_effect(void);

/* How many blocks of 512 KiB the packing threads have deflated in this program so far: parts of
 * more than one block are deflated there, smaller ones on the thread that closes the workbook. */
unsigned long long cxlsx_blocks_deflated_in_parallel(void);

/* MARK: Rows spliced into a streamed sheet (SheetRows.c, Splicing.c)
 *
 * A streamed sheet's data rows, written here as the OOXML libxlsxwriter writes for them, deflated
 * as they come on the packing threads into an unlinked temporary file, and spliced into the sheet's
 * part in place of two marker rows as the part is packed. Only when the parts are packed here
 * (cxlsx_parallel_packing_takes_effect). */

#include <stddef.h>

typedef struct cxlsx_sheet_rows cxlsx_sheet_rows;

/* A writer of rows into a new temporary file in `directory` (NULL: $TMPDIR or /tmp), unlinked at
 * once, deflated at `level` (1 to 9, or -1 for zlib's default: the level the workbook is packed at);
 * NULL with errno set on a failure. */
cxlsx_sheet_rows *cxlsx_sheet_rows_new(const char *directory, int level);
void cxlsx_sheet_rows_free(cxlsx_sheet_rows *rows);

/* Each returns 0, or the errno of the first failed write (then every later call returns it too).
 * Rows are zero-based and must increase; a row's cells are written left to right. `style` is the
 * format's xf index (lxw_format_get_xf_index), 0 for none. `text` is UTF-8, already made safe for a
 * cell (no NUL); it is escaped here. */
int cxlsx_sheet_rows_begin_row(cxlsx_sheet_rows *rows, unsigned row);
int cxlsx_sheet_rows_end_row(cxlsx_sheet_rows *rows);
int cxlsx_sheet_rows_number(cxlsx_sheet_rows *rows, unsigned column, int style, double value);
int cxlsx_sheet_rows_string(cxlsx_sheet_rows *rows, unsigned column, int style, const char *text, size_t length);
int cxlsx_sheet_rows_blank(cxlsx_sheet_rows *rows, unsigned column, int style);
/* Bytes written as they are, for rows laid out elsewhere (the tests' own). */
int cxlsx_sheet_rows_raw(cxlsx_sheet_rows *rows, const char *bytes, size_t length);

/* Deflates what is left and writes it to the file; the writer takes nothing more. */
int cxlsx_sheet_rows_finish(cxlsx_sheet_rows *rows);
/* How many bytes the rows take, and how many their deflated bytes in the file (once finished). */
unsigned long long cxlsx_sheet_rows_length(const cxlsx_sheet_rows *rows);
unsigned long long cxlsx_sheet_rows_deflated_length(const cxlsx_sheet_rows *rows);

/* Registers, for the workbook this thread closes next, the finished `rows` to stand in the sheet
 * part for the rows from the one holding the inline string `first_token` to the one holding
 * `last_token` (the same token when one cell marks both). `rows` must outlive the close. 0, or -1
 * out of memory. */
int cxlsx_splice_register(const char *first_token, const char *last_token, const cxlsx_sheet_rows *rows);

/* After this thread closed the workbook (or gave up on it): forgets its registrations. 0 when
 * every one was spliced in; 2 when the splicing itself failed (a marker not found by zipClose, a
 * region that is not just the marker rows, the spool unreadable); 1 when some were not placed
 * because the packing stopped before them (a failed write, reported by libxlsxwriter). The reason
 * goes to `message` unless 0. */
int cxlsx_splice_finish(char *message, size_t capacity);

/* How many sheets' rows have been spliced into packages in this program so far. */
unsigned long long cxlsx_sheets_spliced(void);

#endif

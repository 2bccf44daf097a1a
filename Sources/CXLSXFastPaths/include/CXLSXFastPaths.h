#ifndef CXLSXFASTPATHS_H
#define CXLSXFASTPATHS_H

/* Inner loops of libxlsxwriter 1.1.4, made faster from outside the library.
 *
 * This target defines functions that libxlsxwriter calls through the dynamic linker: minizip's
 * zipOpenNewFileInZip4_64, zipWriteInFileInZip, zipCloseFileInZip and zipClose, the library's
 * public lxw_rowcol_to_cell, and its own _write_number_cell, _write_string_cell and
 * _write_inline_string_cell. A definition in the program comes before the shared libraries' in the
 * linker's search, so libxlsxwriter's calls land here; each passes on to the library's definition
 * (found with RTLD_NEXT) whenever it has nothing to add. None changes what the file says: the
 * deflate level changes how tightly it is packed, the packing thread where, and the cells are the
 * bytes libxlsxwriter writes, sooner. */

/* The deflate level.
 *
 * libxlsxwriter packs every part at zlib's default level (6) and has no option for it; at 100,000
 * responses that deflate is half the export. */

/* The level for the workbooks this thread closes from now on: 1 (fastest) to 9 (smallest), or -1
 * for zlib's default. Other threads keep their own. */
void cxlsx_set_deflate_level(int level);

/* The level in force on this thread. */
int cxlsx_deflate_level(void);

/* Whether libxlsxwriter's calls reach this target's definition. They do not when the library
 * packs with a minizip of its own, or when the program does not export the symbol; the level is
 * then zlib's default whatever was set. */
int cxlsx_deflate_level_takes_effect(void);

/* The packing thread.
 *
 * libxlsxwriter reads each part back from its temporary file and deflates it on the closing
 * thread. Here each zip file's parts are deflated on a thread of the file's own, in order, while
 * the closing thread reads and assembles the next part; a minizip error is returned by a later
 * call, at the latest by zipClose, so a failed part still fails the workbook. */

/* Whether workbooks this thread closes from now on are packed on a packing thread (on unless
 * turned off), so a test can compare. */
void cxlsx_set_packing_thread(int enabled);

/* Whether libxlsxwriter's calls to minizip reach the packing thread. */
int cxlsx_packing_thread_takes_effect(void);

/* Cells.
 *
 * libxlsxwriter writes each cell with fprintf, after naming it with snprintf: a number with
 * "%.16G", whose exact decimal conversion costs more than the rest of the cell, and an inline string
 * after copying it, escaped, into a fresh buffer five times its length. Here cell names, whole
 * numbers (most numbers in a survey's lists: row numbers, scale points, the 1 of a chosen choice),
 * shared and inline strings are written straight to the sheet's file, with the same bytes. */

/* Writes the text "%.16G" gives for `value` into `text` (room for 24 bytes) and returns its
 * length when `value` is a whole number this fast path covers; returns 0, writing nothing, for
 * every other value (fractions, -0, magnitudes from 1e15, NaN, infinities). */
int cxlsx_whole_number_text(double value, char *text);

/* Whether cells written on this thread take the fast paths (on unless turned off), so a test can
 * compare them with the library's own. They follow libxlsxwriter 1.1.4's internal functions, so with
 * any other version loaded every cell goes to the library whatever is set here. */
void cxlsx_set_cell_fast_paths(int enabled);

/* Whether libxlsxwriter's calls reach this target's definitions, and the loaded library is 1.1.4:
 * number cells, inline string cells, shared string cells, and the cell names ("B7") every cell
 * starts with. */
int cxlsx_number_fast_path_takes_effect(void);
int cxlsx_inline_string_fast_path_takes_effect(void);
int cxlsx_shared_string_fast_path_takes_effect(void);
int cxlsx_cell_name_fast_path_takes_effect(void);

#endif

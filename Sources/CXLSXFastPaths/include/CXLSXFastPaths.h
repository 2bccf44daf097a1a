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

#endif

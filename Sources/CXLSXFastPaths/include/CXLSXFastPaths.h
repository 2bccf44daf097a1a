#ifndef CXLSXFASTPATHS_H
#define CXLSXFASTPATHS_H

/* How tightly libxlsxwriter's zip file is packed.
 *
 * libxlsxwriter packs every part through minizip's public functions at zlib's default level, and
 * has no option for it; at 100,000 responses that deflate was a third of the export. This target
 * defines one of minizip's functions itself, zipOpenNewFileInZip4_64: a definition in the program
 * comes before the shared libraries' in the dynamic linker's search, so libxlsxwriter's call lands
 * here, and it passes every argument on to minizip's own (found with RTLD_NEXT) with the level
 * changed. Nothing here knows libxlsxwriter's internals or its version: only minizip's public
 * signature. Each part's bytes are the same; only how tightly they are deflated differs.
 *
 * Where the call does not land here (a libxlsxwriter with minizip built in and bound to it, a
 * platform without such interposition), or the fast paths are off, the library packs as it always
 * does, at zlib's default level. */

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

#endif

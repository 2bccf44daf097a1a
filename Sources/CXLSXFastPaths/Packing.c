#define _GNU_SOURCE
#include <stddef.h>
#include "CXLSXFastPaths.h"
#include "Interposition.h"
#include "ParallelPacking.h"

/* libxlsxwriter opens each part of the zip file with minizip's zipOpenNewFileInZip4_64, at zlib's
 * default level. The one definition here passes every argument on to minizip's own, the level
 * changed to this thread's (cxlsx_set_deflate_level) when the caller left it to zlib and the fast
 * paths are on. Then the entry is also opened raw, when minizip's writes and closes reach this
 * target (ParallelPacking.c), which deflates it on every core. Only minizip's public signature is
 * relied on, the one in its zip.h since minizip 1.1 (also minizip-ng's compatibility layer). */

/* minizip 1.1's values, from its zip.h, which Debian does not ship with libminizip1. */
enum { z_deflated = 8, z_default_compression = -1, z_max_window_bits = 15, zip_ok = 0, zip_internal_error = -104 };

typedef int open_entry_signature(void *file, const char *filename, const void *file_info,
                                 const void *extra_local, unsigned int extra_local_size,
                                 const void *extra_global, unsigned int extra_global_size,
                                 const char *comment, int method, int level, int raw,
                                 int window_bits, int memory_level, int strategy,
                                 const char *password, unsigned long crc_for_crypting,
                                 unsigned long version_made_by, unsigned long flag_base, int zip64);
typedef open_entry_signature *open_entry_function;

open_entry_signature zipOpenNewFileInZip4_64;

CXLSX_HIDDEN_DEFINITION(open_entry_function, minizip_open_entry, "zipOpenNewFileInZip4_64")

static _Thread_local int deflate_level = z_default_compression;

void cxlsx_set_deflate_level(int level) {
    deflate_level = (level >= 1 && level <= 9) ? level : z_default_compression;
}

int cxlsx_deflate_level(void) {
    return deflate_level;
}

int cxlsx_deflate_level_takes_effect(void) {
    return cxlsx_binds_here("zipOpenNewFileInZip4_64", (void *)&zipOpenNewFileInZip4_64);
}

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *file_info,
                            const void *extra_local, unsigned int extra_local_size,
                            const void *extra_global, unsigned int extra_global_size,
                            const char *comment, int method, int level, int raw,
                            int window_bits, int memory_level, int strategy,
                            const char *password, unsigned long crc_for_crypting,
                            unsigned long version_made_by, unsigned long flag_base, int zip64) {
    open_entry_function open_entry = minizip_open_entry();
    if (open_entry == NULL) return zip_internal_error;
    /* minizip closes an entry left open before it opens the next; one deflated here is closed here. */
    int status = cxlsx_close_packed_entry_of(file);
    if (status != zip_ok) return status;
    cxlsx_packed_entry *packed = NULL;
    if (method == z_deflated && cxlsx_fast_paths_enabled()) {
        /* Only a caller that left the level to zlib gets this thread's: one that chose is obeyed. */
        if (level == z_default_compression) level = deflate_level;
        /* A plain deflated entry, as libxlsxwriter opens them all, is deflated here instead of by
         * minizip: minizip writes it raw, as it is given. */
        if (!raw && password == NULL && window_bits == -z_max_window_bits && cxlsx_parallel_packing_available())
            packed = cxlsx_packed_entry_new(level, memory_level, strategy);
    }
    status = open_entry(file, filename, file_info, extra_local, extra_local_size, extra_global, extra_global_size,
                        comment, method, level, packed != NULL ? 1 : raw, window_bits, memory_level, strategy,
                        password, crc_for_crypting, version_made_by, flag_base, zip64);
    if (packed != NULL) {
        if (status == zip_ok) cxlsx_packed_entry_attach(packed, file);
        else cxlsx_packed_entry_discard(packed);
    }
    return status;
}

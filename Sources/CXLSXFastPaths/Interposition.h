#ifndef CXLSXFASTPATHS_INTERPOSITION_H
#define CXLSXFASTPATHS_INTERPOSITION_H

/* How this target's definitions reach the ones they stand in front of; not part of its interface. */

/* The definition of `name` that this program's would hide: the next one in the dynamic linker's
 * order (libxlsxwriter's or libminizip's), looked up once and kept in `*cache`. */
void *cxlsx_next_definition(void **cache, const char *name);

/* Defines `static type function(void)`, returning the hidden definition of `symbol` as a `type`. */
#define CXLSX_HIDDEN_DEFINITION(type, function, symbol)                  \
    static type function(void) {                                         \
        static void *cache;                                              \
        return (type)cxlsx_next_definition(&cache, symbol);              \
    }

/* 1 when the dynamic linker binds `name` to `definition`, this program's own, so libxlsxwriter's
 * calls reach it; 0 otherwise. */
int cxlsx_binds_here(const char *name, void *definition);

#endif

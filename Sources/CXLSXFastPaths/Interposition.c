#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "Interposition.h"

void *cxlsx_next_definition(void **cache, const char *name) {
    void *found = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (found == NULL) {
        found = dlsym(RTLD_NEXT, name);
        __atomic_store_n(cache, found, __ATOMIC_RELEASE);
    }
    return found;
}

int cxlsx_binds_here(const char *name, void *definition) {
    void *bound = dlsym(RTLD_DEFAULT, name);
    return bound != NULL && bound == definition;
}

#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "CXLSXFastPaths.h"

/* -1 until the environment is read; it is read once, since it cannot change what a running
 * export has already written. */
static int environment_allows = -1;

int cxlsx_fast_paths_allowed_by_environment(void) {
    int allowed = __atomic_load_n(&environment_allows, __ATOMIC_ACQUIRE);
    if (allowed < 0) {
        const char *value = getenv("SAMLA_XLSX_FAST_PATHS");
        allowed = !(value != NULL && (strcmp(value, "off") == 0 || strcmp(value, "0") == 0 || strcmp(value, "no") == 0));
        __atomic_store_n(&environment_allows, allowed, __ATOMIC_RELEASE);
    }
    return allowed;
}

/* -1: follow the environment. */
static int override = -1;

void cxlsx_set_fast_paths(int enabled) {
    __atomic_store_n(&override, enabled < 0 ? -1 : enabled != 0, __ATOMIC_RELEASE);
}

int cxlsx_fast_paths_enabled(void) {
    int chosen = __atomic_load_n(&override, __ATOMIC_ACQUIRE);
    return chosen >= 0 ? chosen : cxlsx_fast_paths_allowed_by_environment();
}

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "CXLSXFastPaths.h"
#include "CellXML.h"

static _Thread_local int cell_fast_paths_enabled = 1;

void cxlsx_set_cell_fast_paths(int enabled) {
    cell_fast_paths_enabled = enabled != 0;
}

int cxlsx_library_is_known(void) {
    /* -1 until looked up; the answer cannot change while the program runs. */
    static int known = -1;
    int answer = __atomic_load_n(&known, __ATOMIC_ACQUIRE);
    if (answer < 0) {
        const char *(*version)(void) = (const char *(*)(void))dlsym(RTLD_DEFAULT, "lxw_version");
        answer = version != NULL && strcmp(version(), "1.1.4") == 0;
        __atomic_store_n(&known, answer, __ATOMIC_RELEASE);
    }
    return answer;
}

int cxlsx_cell_fast_paths_apply(void) {
    return cell_fast_paths_enabled && cxlsx_library_is_known();
}

int cxlsx_decimal_text(uint64_t value, char *text) {
    char digits[20];
    int count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (int index = 0; index < count; index++) text[index] = digits[count - 1 - index];
    return count;
}

size_t cxlsx_cell_start(char *xml, const char *range, int32_t style_index) {
    size_t length = 0;
    memcpy(xml, "<c r=\"", 6);
    length += 6;
    size_t range_length = strnlen(range, 32);
    memcpy(xml + length, range, range_length);
    length += range_length;
    xml[length++] = '"';
    if (style_index != 0) {
        memcpy(xml + length, " s=\"", 4);
        length += 4;
        length += (size_t)cxlsx_decimal_text((uint64_t)style_index, xml + length);
        xml[length++] = '"';
    }
    return length;
}

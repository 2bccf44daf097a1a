#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include "CXLSXFastPaths.h"

/* libxlsxwriter 1.1.4's own, in worksheet.c: not in its public header, but exported, and called
 * through the dynamic linker by _write_cell. */
typedef void (*number_cell_writer)(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);

static _Thread_local int fast_path_enabled = 1;

void cxlsx_set_number_fast_path(int enabled) {
    fast_path_enabled = enabled != 0;
}

int cxlsx_whole_number_text(double value, char *text) {
    /* Below 1e15 in magnitude a whole double is exact and "%.16G" prints it as plain digits;
     * -0 prints as "-0", which the library's own path keeps. */
    if (!(value > -1e15 && value < 1e15)) return 0;
    int64_t whole = (int64_t)value;
    if ((double)whole != value || (whole == 0 && signbit(value))) return 0;
    char digits[20];
    int count = 0;
    uint64_t magnitude = whole < 0 ? (uint64_t)0 - (uint64_t)whole : (uint64_t)whole;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    int length = 0;
    if (whole < 0) text[length++] = '-';
    while (count > 0) text[length++] = digits[--count];
    return length;
}

static number_cell_writer library_number_cell_writer(void) {
    static number_cell_writer found;
    number_cell_writer writer = __atomic_load_n(&found, __ATOMIC_ACQUIRE);
    if (writer == NULL) {
        writer = (number_cell_writer)dlsym(RTLD_NEXT, "_write_number_cell");
        __atomic_store_n(&found, writer, __ATOMIC_RELEASE);
    }
    return writer;
}

void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell) {
    char number[24];
    int number_length = fast_path_enabled ? cxlsx_whole_number_text(cell->u.number, number) : 0;
    if (number_length == 0) {
        number_cell_writer writer = library_number_cell_writer();
        /* Without the library's writer (it cannot be missing while the library is loaded) the
         * cell is written the way the library would have written it. */
        if (writer != NULL) {
            writer(self, range, style_index, cell);
        } else if (style_index) {
            fprintf(self->file, "<c r=\"%s\" s=\"%d\"><v>%.16G</v></c>", range, style_index, cell->u.number);
        } else {
            fprintf(self->file, "<c r=\"%s\"><v>%.16G</v></c>", range, cell->u.number);
        }
        return;
    }
    /* The library's format: <c r="%s" s="%d"><v>%.16G</v></c>, without s="" for style 0. */
    char xml[160];
    size_t range_length = strnlen(range, 32);
    size_t length = 0;
    memcpy(xml, "<c r=\"", 6);
    length += 6;
    memcpy(xml + length, range, range_length);
    length += range_length;
    if (style_index) {
        length += (size_t)snprintf(xml + length, 24, "\" s=\"%d", style_index);
    }
    memcpy(xml + length, "\"><v>", 5);
    length += 5;
    memcpy(xml + length, number, (size_t)number_length);
    length += (size_t)number_length;
    memcpy(xml + length, "</v></c>", 8);
    length += 8;
    fwrite(xml, 1, length, self->file);
}

int cxlsx_number_fast_path_takes_effect(void) {
    void *bound = dlsym(RTLD_DEFAULT, "_write_number_cell");
    return bound != NULL && bound == (void *)&_write_number_cell;
}

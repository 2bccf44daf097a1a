#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <xlsxwriter.h>
#include "CXLSXFastPaths.h"
#include "CellXML.h"
#include "Interposition.h"

/* libxlsxwriter 1.1.4's own, in worksheet.c: not in its public header, but exported, and called
 * through the dynamic linker by _write_cell. It writes
 * <c r="%s" s="%d"><v>%.16G</v></c>, without s="" for style 0. */
typedef void (*number_cell_writer)(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);

int cxlsx_whole_number_text(double value, char *text) {
    /* Below 1e15 in magnitude a whole double is exact and "%.16G" prints it as plain digits;
     * -0 prints as "-0", which the library's own path keeps. */
    if (!(value > -1e15 && value < 1e15)) return 0;
    int64_t whole = (int64_t)value;
    if ((double)whole != value || (whole == 0 && signbit(value))) return 0;
    if (whole < 0) {
        text[0] = '-';
        return 1 + cxlsx_decimal_text((uint64_t)0 - (uint64_t)whole, text + 1);
    }
    return cxlsx_decimal_text((uint64_t)whole, text);
}

CXLSX_HIDDEN_DEFINITION(number_cell_writer, library_writer, "_write_number_cell")

void _write_number_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell) {
    char number[24];
    int number_length = cxlsx_cell_fast_paths_apply() && style_index >= 0
        ? cxlsx_whole_number_text(cell->u.number, number) : 0;
    if (number_length == 0) {
        number_cell_writer writer = library_writer();
        /* Without the library's writer (it cannot be missing while the library is loaded) the
         * cell is written the way the library writes it. */
        if (writer != NULL) {
            writer(self, range, style_index, cell);
        } else if (style_index) {
            fprintf(self->file, "<c r=\"%s\" s=\"%d\"><v>%.16G</v></c>", range, style_index, cell->u.number);
        } else {
            fprintf(self->file, "<c r=\"%s\"><v>%.16G</v></c>", range, cell->u.number);
        }
        return;
    }
    char xml[128];
    size_t length = cxlsx_cell_start(xml, range, style_index);
    memcpy(xml + length, "><v>", 4);
    length += 4;
    memcpy(xml + length, number, (size_t)number_length);
    length += (size_t)number_length;
    memcpy(xml + length, "</v></c>", 8);
    length += 8;
    cxlsx_write_bytes(xml, 1, length, self->file);
}

int cxlsx_number_fast_path_takes_effect(void) {
    return cxlsx_binds_here("_write_number_cell", (void *)&_write_number_cell) && cxlsx_library_is_known();
}

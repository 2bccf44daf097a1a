#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include "CXLSXFastPaths.h"
#include "CellXML.h"
#include "Interposition.h"

/* libxlsxwriter 1.1.4's own, in worksheet.c, exported and called through the dynamic linker by
 * _write_cell. It writes <c r="%s" s="%d" t="s"><v>%d</v></c>, without s="" for style 0. */
typedef void (*string_cell_writer)(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);

CXLSX_HIDDEN_DEFINITION(string_cell_writer, library_writer, "_write_string_cell")

void _write_string_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell) {
    string_cell_writer writer = library_writer();
    int fast = cxlsx_cell_fast_paths_apply();
    if (writer != NULL && (!fast || style_index < 0 || cell->u.string_id < 0)) {
        writer(self, range, style_index, cell);
        return;
    }
    int32_t index = cell->u.string_id;
    char xml[128];
    size_t length = cxlsx_cell_start(xml, range, style_index < 0 ? 0 : style_index);
    memcpy(xml + length, " t=\"s\"><v>", 10);
    length += 10;
    if (index < 0) {
        xml[length++] = '-';
        length += (size_t)cxlsx_decimal_text((uint64_t)0 - (uint64_t)(int64_t)index, xml + length);
    } else {
        length += (size_t)cxlsx_decimal_text((uint64_t)index, xml + length);
    }
    memcpy(xml + length, "</v></c>", 8);
    length += 8;
    cxlsx_write_bytes(xml, 1, length, self->file);
}

int cxlsx_shared_string_fast_path_takes_effect(void) {
    return cxlsx_binds_here("_write_string_cell", (void *)&_write_string_cell) && cxlsx_library_is_known();
}

#define _GNU_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include "CXLSXFastPaths.h"
#include "CellXML.h"
#include "Interposition.h"

/* libxlsxwriter 1.1.4's own, in worksheet.c, exported and called through the dynamic linker by
 * _write_cell. It escapes the text with lxw_escape_data (& < > only, into a fresh buffer of five
 * times the text's length), then writes
 * <c r="%s" s="%d" t="inlineStr"><is><t>%s</t></is></c>, without s="" for style 0 and with
 * xml:space="preserve" on <t> when the escaped text starts or ends with white space. */
typedef void (*inline_string_cell_writer)(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell);

CXLSX_HIDDEN_DEFINITION(inline_string_cell_writer, library_writer, "_write_inline_string_cell")

/* The text with & < > as entities, written straight to the file run by run. */
static void put_escaped(FILE *file, const char *text, size_t length) {
    const char *run = text;
    const char *end = text + length;
    for (const char *at = text; at < end; at++) {
        const char *entity;
        size_t entity_length;
        switch (*at) {
        case '&': entity = "&amp;"; entity_length = 5; break;
        case '<': entity = "&lt;"; entity_length = 4; break;
        case '>': entity = "&gt;"; entity_length = 4; break;
        default: continue;
        }
        if (at > run) cxlsx_write_bytes(run, 1, (size_t)(at - run), file);
        cxlsx_write_bytes(entity, 1, entity_length, file);
        run = at + 1;
    }
    if (end > run) cxlsx_write_bytes(run, 1, (size_t)(end - run), file);
}

void _write_inline_string_cell(lxw_worksheet *self, char *range, int32_t style_index, lxw_cell *cell) {
    int fast = cxlsx_cell_fast_paths_apply();
    const char *text = fast ? cell->u.string : NULL;
    /* The library reads before an empty text's start; such a cell (never written by this
     * program) and a negative style go to the library as they are. */
    if (!fast || text == NULL || text[0] == '\0' || style_index < 0) {
        inline_string_cell_writer writer = library_writer();
        if (writer != NULL) {
            writer(self, range, style_index, cell);
            return;
        }
        text = cell->u.string != NULL ? cell->u.string : "";
        if (style_index < 0) style_index = 0;
    }
    size_t length = strlen(text);
    /* Escaping never puts white space at either end, nor takes it away (& < > are not space). */
    int preserve = length > 0 && (isspace((unsigned char)text[0]) || isspace((unsigned char)text[length - 1]));
    char xml[160];
    size_t xml_length = cxlsx_cell_start(xml, range, style_index);
    const char *opening = preserve ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>";
    size_t opening_length = strlen(opening);
    memcpy(xml + xml_length, opening, opening_length);
    xml_length += opening_length;
    FILE *file = self->file;
    cxlsx_write_bytes(xml, 1, xml_length, file);
    put_escaped(file, text, length);
    cxlsx_write_bytes("</t></is></c>", 1, 13, file);
}

int cxlsx_inline_string_fast_path_takes_effect(void) {
    return cxlsx_binds_here("_write_inline_string_cell", (void *)&_write_inline_string_cell) && cxlsx_library_is_known();
}

#define _GNU_SOURCE
#include <stdint.h>
#include <xlsxwriter.h>
#include "CXLSXFastPaths.h"
#include "CellXML.h"
#include "Interposition.h"

/* libxlsxwriter's public lxw_rowcol_to_cell ("A1" from row 0, column 0), which _write_cell calls
 * through the dynamic linker for every cell. The library's builds the column letters with
 * lxw_col_to_name and appends the row with snprintf. */
typedef void (*cell_namer)(char *cell_name, lxw_row_t row, lxw_col_t col);

CXLSX_HIDDEN_DEFINITION(cell_namer, library_namer, "lxw_rowcol_to_cell")

void lxw_rowcol_to_cell(char *cell_name, lxw_row_t row, lxw_col_t col) {
    cell_namer namer = library_namer();
    /* The library's own for anything past Excel's grid, whose names it alone defines. */
    if (namer != NULL && (!cxlsx_cell_fast_paths_apply() || row >= LXW_ROW_MAX || col >= LXW_COL_MAX)) {
        namer(cell_name, row, col);
        return;
    }
    /* Bijective base 26: A..Z, AA..ZZ, AAA..XFD. */
    char letters[4];
    int count = 0;
    uint32_t number = (uint32_t)col + 1;
    while (number > 0 && count < 4) {
        uint32_t remainder = (number - 1) % 26;
        letters[count++] = (char)('A' + remainder);
        number = (number - 1) / 26;
    }
    int length = 0;
    while (count > 0) cell_name[length++] = letters[--count];
    length += cxlsx_decimal_text((uint64_t)row + 1, cell_name + length);
    cell_name[length] = '\0';
}

int cxlsx_cell_name_fast_path_takes_effect(void) {
    return cxlsx_binds_here("lxw_rowcol_to_cell", (void *)&lxw_rowcol_to_cell) && cxlsx_library_is_known();
}

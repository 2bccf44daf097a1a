#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "CXLSXFastPaths.h"
#include "ParallelPacking.h"
#include "Splicing.h"

/* A streamed sheet's data rows as the OOXML libxlsxwriter writes for them, built in one buffer,
 * deflated as they come in blocks on the packing threads (ParallelPacking.c), and written to an
 * unlinked temporary file (SplicedRows in XLSXWriter, Splicing.c for where the bytes go): at close
 * the sheet's part takes the deflated bytes as they are, so the rows' deflate overlaps the export's
 * reading instead of following it. The shapes are those of libxlsxwriter's streamed cells,
 *   <row r="5"><c r="A5" s="2"><v>12</v></c><c r="B5" t="inlineStr"><is><t>text</t></is></c></row>
 * but for the cell references, left out where a reader can tell them (put_cell_start):
 *   <row r="5"><c s="2"><v>12</v></c><c t="inlineStr"><is><t>text</t></is></c><c/><c><v>1</v></c></row>
 * text escaped as its lxw_escape_data does (& < > only; quotes stay), the control characters it
 * escapes as _xHHHH_ (all below 0x20 but tab and line feed), xml:space="preserve" when the text
 * begins or ends with white space, numbers as "%.16G" unless that does not read back as the same
 * double, then "%.17G", which always does. */

/* A row's cells are laid out here and handed to the deflate's blocks in pieces of this size. */
enum { buffer_size = 256 * 1024 };

struct cxlsx_sheet_rows {
    int fd;
    cxlsx_packed_entry *stream; /* deflates the rows into the file */
    unsigned char *buffer;
    size_t used, capacity;
    unsigned long long flushed;
    unsigned long long deflated; /* bytes in the file */
    unsigned long crc;         /* of the rows' bytes, once finished */
    int finished;
    int error;                 /* errno of the first failed write */
    char row_digits[12];       /* the open row's number, 1-based, as text */
    size_t row_digits_length;
    int row_open;
    unsigned next_column;      /* where a cell without a reference lands: after the row's last cell */
};

/* The deflated blocks' way into the file; the errno of a failed write is kept. */
static int write_deflated(void *context, const void *bytes, unsigned int length) {
    cxlsx_sheet_rows *rows = context;
    size_t done = 0;
    while (done < length) {
        ssize_t count = write(rows->fd, (const unsigned char *)bytes + done, length - done);
        if (count < 0) {
            if (errno == EINTR) continue;
            if (rows->error == 0) rows->error = errno;
            return -1;
        }
        done += (size_t)count;
    }
    rows->deflated += length;
    return 0;
}

cxlsx_sheet_rows *cxlsx_sheet_rows_new(const char *directory, int level) {
    cxlsx_sheet_rows *rows = calloc(1, sizeof *rows);
    if (rows == NULL) return NULL;
    char path[4096];
    const char *folder = directory != NULL && directory[0] != '\0' ? directory : (getenv("TMPDIR") != NULL && getenv("TMPDIR")[0] != '\0' ? getenv("TMPDIR") : "/tmp");
    if (snprintf(path, sizeof path, "%s/samla-rows-XXXXXX", folder) >= (int)sizeof path) {
        free(rows);
        errno = ENAMETOOLONG;
        return NULL;
    }
    rows->fd = mkostemp(path, O_CLOEXEC);
    if (rows->fd < 0) {
        free(rows);
        return NULL;
    }
    /* Gone from the folder at once: the space comes back however the program ends. */
    unlink(path);
    rows->buffer = malloc(buffer_size);
    rows->stream = cxlsx_deflated_stream_new(level, write_deflated, rows);
    if (rows->buffer == NULL || rows->stream == NULL) {
        cxlsx_deflated_stream_free(rows->stream);
        free(rows->buffer);
        close(rows->fd);
        free(rows);
        errno = ENOMEM;
        return NULL;
    }
    rows->capacity = buffer_size;
    return rows;
}

void cxlsx_sheet_rows_free(cxlsx_sheet_rows *rows) {
    if (rows == NULL) return;
    cxlsx_deflated_stream_free(rows->stream);
    if (rows->fd >= 0) close(rows->fd);
    free(rows->buffer);
    free(rows);
}

unsigned long long cxlsx_sheet_rows_length(const cxlsx_sheet_rows *rows) {
    return rows->flushed + rows->used;
}

unsigned long long cxlsx_sheet_rows_deflated_length(const cxlsx_sheet_rows *rows) {
    return rows->deflated;
}

int cxlsx_sheet_rows_pack(const cxlsx_sheet_rows *rows, cxlsx_packed_entry *entry) {
    return cxlsx_packed_entry_feed_deflated(entry, rows->fd, rows->deflated, rows->crc, rows->flushed);
}

/* Hands what is buffered to the deflate. */
static int flush(cxlsx_sheet_rows *rows) {
    if (rows->error != 0) return rows->error;
    if (rows->finished) return rows->error = EINVAL;
    if (cxlsx_packed_entry_feed(rows->stream, rows->buffer, rows->used) != 0) {
        /* A failed write into the file kept its errno; the deflate's own failure is memory. */
        if (rows->error == 0) rows->error = ENOMEM;
        return rows->error;
    }
    rows->flushed += rows->used;
    rows->used = 0;
    return 0;
}

int cxlsx_sheet_rows_finish(cxlsx_sheet_rows *rows) {
    if (rows->finished) return rows->error;
    int status = flush(rows);
    if (status != 0) return status;
    if (cxlsx_deflated_stream_end(rows->stream, &rows->crc) != 0 && rows->error == 0) rows->error = ENOMEM;
    rows->finished = 1;
    return rows->error;
}

/* Room for `need` more bytes; 0 or the errno of a failed write. */
static int reserve(cxlsx_sheet_rows *rows, size_t need) {
    if (rows->error != 0) return rows->error;
    if (rows->capacity - rows->used >= need) return 0;
    int status = flush(rows);
    if (status != 0) return status;
    if (need > rows->capacity) {
        unsigned char *grown = realloc(rows->buffer, need);
        if (grown == NULL) return rows->error = ENOMEM;
        rows->buffer = grown;
        rows->capacity = need;
    }
    return 0;
}

static inline void put(cxlsx_sheet_rows *rows, const char *text, size_t length) {
    memcpy(rows->buffer + rows->used, text, length);
    rows->used += length;
}

#define PUT_LITERAL(rows, literal) put(rows, literal, sizeof literal - 1)

int cxlsx_sheet_rows_raw(cxlsx_sheet_rows *rows, const char *bytes, size_t length) {
    int status = reserve(rows, length);
    if (status != 0) return status;
    put(rows, bytes, length);
    return 0;
}

/* Decimal digits of `value` into `out` (at least 20 bytes); their count. */
static size_t unsigned_digits(char *out, unsigned long long value) {
    char reversed[20];
    size_t count = 0;
    do {
        reversed[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (size_t i = 0; i < count; i++) out[i] = reversed[count - 1 - i];
    return count;
}

/* `<c r="B5"` and ` s="2"` when the style is not 0, written shorter where the reference can go:
 * OOXML's cell reference is optional (ECMA-376 Part 1, 18.3.1.4), and a cell without one is the
 * next of its row (Excel, LibreOffice, openpyxl and Samla's XLSXReader all read it so). Row numbers
 * and column letters change from cell to cell, so the deflate stores them almost byte by byte, and
 * they were a third of a large Responses sheet's packed size. A cell right after the previous one
 * goes without; a short gap before a cell is filled with empty cells (`<c/>`, no value and no
 * style: nothing, to every reader), which pack into a few bits where a reference takes several
 * bytes; after a longer gap the cell says where it is. */
enum { longest_filled_gap = 8, filled_gap_room = 4 * longest_filled_gap };

static void put_cell_start(cxlsx_sheet_rows *rows, unsigned column, int style) {
    if (column >= rows->next_column && column - rows->next_column <= longest_filled_gap) {
        for (unsigned gap = rows->next_column; gap < column; gap++) PUT_LITERAL(rows, "<c/>");
        PUT_LITERAL(rows, "<c");
    } else {
        PUT_LITERAL(rows, "<c r=\"");
        char letters[4];
        size_t count = 0;
        unsigned n = column + 1;
        while (n > 0 && count < sizeof letters) {
            letters[count++] = (char)('A' + (n - 1) % 26);
            n = (n - 1) / 26;
        }
        for (size_t i = 0; i < count; i++) rows->buffer[rows->used++] = (unsigned char)letters[count - 1 - i];
        put(rows, rows->row_digits, rows->row_digits_length);
        rows->buffer[rows->used++] = '"';
    }
    rows->next_column = column + 1;
    if (style != 0) {
        PUT_LITERAL(rows, " s=\"");
        if (style < 0) {
            rows->buffer[rows->used++] = '-';
            style = -style;
        }
        rows->used += unsigned_digits((char *)rows->buffer + rows->used, (unsigned long long)style);
        rows->buffer[rows->used++] = '"';
    }
}

int cxlsx_sheet_rows_begin_row(cxlsx_sheet_rows *rows, unsigned row) {
    int status = reserve(rows, 64);
    if (status != 0) return status;
    if (rows->row_open) PUT_LITERAL(rows, "</row>");
    rows->row_digits_length = unsigned_digits(rows->row_digits, (unsigned long long)row + 1);
    PUT_LITERAL(rows, "<row r=\"");
    put(rows, rows->row_digits, rows->row_digits_length);
    PUT_LITERAL(rows, "\">");
    rows->row_open = 1;
    rows->next_column = 0;
    return 0;
}

int cxlsx_sheet_rows_end_row(cxlsx_sheet_rows *rows) {
    if (!rows->row_open) return rows->error;
    int status = reserve(rows, 8);
    if (status != 0) return status;
    PUT_LITERAL(rows, "</row>");
    rows->row_open = 0;
    return 0;
}

int cxlsx_sheet_rows_number(cxlsx_sheet_rows *rows, unsigned column, int style, double value) {
    int status = reserve(rows, 96 + filled_gap_room);
    if (status != 0) return status;
    put_cell_start(rows, column, style);
    PUT_LITERAL(rows, "><v>");
    char *out = (char *)rows->buffer + rows->used;
    size_t length;
    if (value == (double)(long long)value && value > -1e15 && value < 1e15 && !(value == 0 && signbit(value))) {
        /* Whole numbers, most of a survey's, as "%.16G" writes them, without its cost. */
        long long whole = (long long)value;
        size_t sign = 0;
        if (whole < 0) {
            out[0] = '-';
            sign = 1;
        }
        length = sign + unsigned_digits(out + sign, whole < 0 ? (unsigned long long)(-whole) : (unsigned long long)whole);
    } else {
        int written = snprintf(out, 40, "%.16G", value);
        if (written < 0 || written >= 40 || strtod(out, NULL) != value) written = snprintf(out, 40, "%.17G", value);
        if (written < 0 || written >= 40) return rows->error = EINVAL;
        length = (size_t)written;
    }
    rows->used += length;
    PUT_LITERAL(rows, "</v></c>");
    return 0;
}

static inline int is_xml_space(unsigned char byte) {
    return byte == ' ' || byte == '\t' || byte == '\n';
}

int cxlsx_sheet_rows_string(cxlsx_sheet_rows *rows, unsigned column, int style, const char *text, size_t length) {
    /* Every byte escaped at worst into seven (_x001F_), and the tags around it. */
    int status = reserve(rows, length * 7 + 128 + filled_gap_room);
    if (status != 0) return status;
    const unsigned char *bytes = (const unsigned char *)text;
    put_cell_start(rows, column, style);
    /* A first or last byte that is a control character other than tab or line feed is escaped, so
     * only these three count as white space, as after libxlsxwriter's escaping. */
    if (length > 0 && (is_xml_space(bytes[0]) || is_xml_space(bytes[length - 1])))
        PUT_LITERAL(rows, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
    else
        PUT_LITERAL(rows, " t=\"inlineStr\"><is><t>");
    size_t run = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = bytes[i];
        if (byte >= 0x3f || (byte >= 0x20 && byte != '&' && byte != '<' && byte != '>') || byte == '\t' || byte == '\n')
            continue;
        put(rows, text + run, i - run);
        run = i + 1;
        switch (byte) {
        case '&': PUT_LITERAL(rows, "&amp;"); break;
        case '<': PUT_LITERAL(rows, "&lt;"); break;
        case '>': PUT_LITERAL(rows, "&gt;"); break;
        default: {
            static const char hex[] = "0123456789ABCDEF";
            char escape[7] = {'_', 'x', '0', '0', hex[byte >> 4], hex[byte & 15], '_'};
            put(rows, escape, sizeof escape);
        }
        }
    }
    put(rows, text + run, length - run);
    PUT_LITERAL(rows, "</t></is></c>");
    return 0;
}

int cxlsx_sheet_rows_blank(cxlsx_sheet_rows *rows, unsigned column, int style) {
    int status = reserve(rows, 64 + filled_gap_room);
    if (status != 0) return status;
    put_cell_start(rows, column, style);
    PUT_LITERAL(rows, "/>");
    return 0;
}

#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "CXLSXFastPaths.h"
#include "Splicing.h"

/* A streamed sheet's data rows written by Samla (SheetRows.c), spliced into the sheet's part as
 * libxlsxwriter packs it.
 *
 * Through libxlsxwriter's public API the sheet holds only two marker cells: an inline string,
 * a random token, in its first data row and another in its last. Before the workbook is closed
 * the sheet's tokens and spooled rows are registered on the closing thread. The parts then pass
 * through this target's zipWriteInFileInZip (ParallelPacking.c), which hands every entry's bytes
 * to the scan below: it finds a registered first token, goes back to the `<row` that begins its
 * row, forward to the `</row>` that ends the row of the last token, checks that what lies between
 * is the marker rows and nothing else, and writes the spooled rows, deflated as they were
 * written, in their place, the entry's deflate stream cut on a byte boundary before them and taken
 * up again after them; their CRC and size are joined to the entry's, so both come out right. A
 * token can straddle writes: the last bytes of a write are held back until the next. Nothing here knows libxlsxwriter's code
 * or structures or the parts' names: only the OOXML it writes (`<row`, `</row>`, a cell's text).
 * A marker never found by zipClose, or a region that is not just the marker rows, fails the write
 * or the close: the workbook is never written silently wrong. */

enum { zip_ok = 0, zip_internal_error = -104 };
/* A marker row's `<row` comes at most this far before its token, and the marker rows together are
 * at most `most_region` bytes long: libxlsxwriter writes some 60 bytes of tags around the token. */
enum { lookback = 1024, most_region = 8192 };

typedef struct {
    char *first, *last;            /* the tokens of the first and last data rows (the same for one cell) */
    size_t first_length, last_length;
    const cxlsx_sheet_rows *rows;  /* the spooled rows, finished (deflated into their file) */
    int placed;
} splice;

typedef struct {
    splice *items;
    size_t count, capacity, placed;
    size_t longest_token;
    void *file;                    /* the zip file they go into, known from its first packed entry */
    int failed;
    char message[512];
} splice_set;

static unsigned long long sheets_spliced;

unsigned long long cxlsx_sheets_spliced(void) {
    return __atomic_load_n(&sheets_spliced, __ATOMIC_RELAXED);
}

/* The rows registered for the workbook this thread closes next. */
static _Thread_local splice_set *registered;

struct cxlsx_splice_scan {
    splice_set *set;
    unsigned char *held;           /* bytes not yet passed on */
    size_t held_length, held_capacity;
    splice *current;               /* whose marker rows begin at held[0] */
};

static void fail(splice_set *set, const char *format, ...) {
    if (set->failed) return;
    set->failed = 1;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(set->message, sizeof set->message, format, arguments);
    va_end(arguments);
}

int cxlsx_splice_register(const char *first_token, const char *last_token, const cxlsx_sheet_rows *rows) {
    if (first_token == NULL || last_token == NULL || first_token[0] == '\0' || last_token[0] == '\0' || rows == NULL) return -1;
    if (registered == NULL) {
        registered = calloc(1, sizeof *registered);
        if (registered == NULL) return -1;
    }
    splice_set *set = registered;
    if (set->count == set->capacity) {
        size_t capacity = set->capacity == 0 ? 4 : set->capacity * 2;
        splice *grown = realloc(set->items, capacity * sizeof *grown);
        if (grown == NULL) return -1;
        set->items = grown;
        set->capacity = capacity;
    }
    splice *s = &set->items[set->count];
    *s = (splice){.first = strdup(first_token), .last = strdup(last_token), .rows = rows};
    if (s->first == NULL || s->last == NULL) {
        free(s->first);
        free(s->last);
        return -1;
    }
    s->first_length = strlen(s->first);
    s->last_length = strlen(s->last);
    if (s->first_length > set->longest_token) set->longest_token = s->first_length;
    if (s->last_length > set->longest_token) set->longest_token = s->last_length;
    set->count++;
    return 0;
}

int cxlsx_splice_finish(char *message, size_t capacity) {
    splice_set *set = registered;
    registered = NULL;
    if (set == NULL) return 0;
    int outcome = set->failed ? 2 : set->placed < set->count ? 1 : 0;
    if (outcome != 0 && message != NULL && capacity > 0) {
        if (set->failed) snprintf(message, capacity, "%s", set->message);
        else snprintf(message, capacity, "the rows of %zu of %zu spliced sheets never reached the package",
                      set->count - set->placed, set->count);
    }
    for (size_t i = 0; i < set->count; i++) {
        free(set->items[i].first);
        free(set->items[i].last);
    }
    free(set->items);
    free(set);
    return outcome;
}

cxlsx_splice_scan *cxlsx_splice_scan_new(void *file) {
    splice_set *set = registered;
    if (set == NULL || set->placed == set->count || set->failed) return NULL;
    if (set->file == NULL) set->file = file;
    else if (set->file != file) return NULL;
    cxlsx_splice_scan *scan = calloc(1, sizeof *scan);
    if (scan == NULL) {
        fail(set, "out of memory scanning for the spliced rows' markers");
        return NULL;
    }
    scan->set = set;
    return scan;
}

void cxlsx_splice_scan_free(cxlsx_splice_scan *scan) {
    if (scan == NULL) return;
    free(scan->held);
    free(scan);
}

static int hold(cxlsx_splice_scan *scan, const unsigned char *bytes, size_t length) {
    if (scan->held_capacity - scan->held_length < length) {
        size_t capacity = scan->held_capacity == 0 ? 64 * 1024 : scan->held_capacity;
        while (capacity - scan->held_length < length) capacity *= 2;
        unsigned char *grown = realloc(scan->held, capacity);
        if (grown == NULL) return 0;
        scan->held = grown;
        scan->held_capacity = capacity;
    }
    memcpy(scan->held + scan->held_length, bytes, length);
    scan->held_length += length;
    return 1;
}

/* Passes the first `count` held bytes on to the entry, or drops them (`feed` 0). */
static int pass_on(cxlsx_splice_scan *scan, cxlsx_packed_entry *entry, size_t count, int feed) {
    int status = feed ? cxlsx_packed_entry_feed(entry, scan->held, count) : zip_ok;
    memmove(scan->held, scan->held + count, scan->held_length - count);
    scan->held_length -= count;
    return status;
}

static const unsigned char *find(const unsigned char *from, const unsigned char *to, const char *needle, size_t length) {
    if (to <= from) return NULL;
    return memmem(from, (size_t)(to - from), needle, length);
}

/* A `<row` tag's start (`<row ` or `<row>`) at `at`. */
static int is_row_start(const unsigned char *at, const unsigned char *end) {
    return end - at >= 5 && memcmp(at, "<row", 4) == 0 && (at[4] == ' ' || at[4] == '>');
}

static size_t count_of(const unsigned char *from, const unsigned char *to, const char *needle, size_t length) {
    size_t count = 0;
    for (const unsigned char *at = find(from, to, needle, length); at != NULL; at = find(at + length, to, needle, length))
        count++;
    return count;
}

/* The held bytes begin with the `<row` of `scan->current`'s first marker. Once its marker rows
 * are all held: checks them and feeds the spooled rows in their place. 1 when placed, 0 when more
 * bytes are needed, -1 on a failure. */
static int place(cxlsx_splice_scan *scan, cxlsx_packed_entry *entry) {
    splice *s = scan->current;
    splice_set *set = scan->set;
    const unsigned char *held = scan->held, *end = held + scan->held_length;
    const unsigned char *first = find(held, end, s->first, s->first_length);
    const unsigned char *last = NULL, *close = NULL;
    if (first != NULL) {
        last = strcmp(s->first, s->last) == 0 ? first : find(first + s->first_length, end, s->last, s->last_length);
        if (last != NULL) close = find(last + s->last_length, end, "</row>", 6);
    }
    if (close == NULL) {
        if (scan->held_length > most_region) {
            fail(set, "a spliced sheet's last marker row did not follow its first within %d bytes", most_region);
            return -1;
        }
        return 0;
    }
    const unsigned char *region_end = close + 6;
    /* Only the marker rows: one row holding both tokens, or two rows side by side, each row with
     * its marker cell alone. */
    size_t rows = count_of(held, region_end, "<row", 4);
    size_t ends = count_of(held, region_end, "</row>", 6);
    size_t cells = count_of(held, region_end, "<c ", 3);
    size_t tokens = first == last ? 1 : 2;
    int shape = rows == ends && cells == tokens && (rows == 1 || rows == 2);
    if (shape && rows == 2) {
        const unsigned char *first_end = find(held, region_end, "</row>", 6);
        shape = first_end != NULL && first_end < last && is_row_start(first_end + 6, region_end);
        if (shape && find(held, first_end, s->last, s->last_length) != NULL) shape = 0;
    }
    if (!shape) {
        fail(set, "a spliced sheet's marker rows hold other content (%zu rows, %zu cells between its markers)", rows, cells);
        return -1;
    }
    pass_on(scan, entry, (size_t)(region_end - held), 0);
    if (cxlsx_sheet_rows_pack(s->rows, entry) != zip_ok) {
        fail(set, "the spooled rows of a spliced sheet could not be read back or packed");
        return -1;
    }
    s->placed = 1;
    set->placed++;
    __atomic_add_fetch(&sheets_spliced, 1, __ATOMIC_RELAXED);
    scan->current = NULL;
    return 1;
}

int cxlsx_splice_scan_write(cxlsx_splice_scan *scan, cxlsx_packed_entry *entry, const unsigned char *bytes,
                            size_t length) {
    splice_set *set = scan->set;
    if (set->failed) return zip_internal_error;
    if (scan->current == NULL && scan->held_length == 0 && set->placed == set->count)
        return cxlsx_packed_entry_feed(entry, bytes, length);
    if (!hold(scan, bytes, length)) {
        fail(set, "out of memory scanning for the spliced rows' markers");
        return zip_internal_error;
    }
    for (;;) {
        if (scan->current != NULL) {
            int placed = place(scan, entry);
            if (placed < 0) return zip_internal_error;
            if (placed == 0) return zip_ok;
            continue;
        }
        const unsigned char *held = scan->held, *end = held + scan->held_length;
        const unsigned char *earliest = NULL;
        splice *found = NULL;
        for (size_t i = 0; i < set->count; i++) {
            splice *s = &set->items[i];
            if (s->placed) continue;
            const unsigned char *at = find(held, earliest != NULL ? earliest : end, s->first, s->first_length);
            if (at != NULL) {
                earliest = at;
                found = s;
            }
        }
        if (found == NULL) {
            size_t keep = set->placed == set->count ? 0 : lookback + set->longest_token;
            if (scan->held_length > keep) {
                int status = pass_on(scan, entry, scan->held_length - keep, 1);
                if (status != zip_ok) return status;
            }
            return zip_ok;
        }
        const unsigned char *row = NULL;
        for (const unsigned char *at = earliest; at >= held && earliest - at <= lookback; at--) {
            if (is_row_start(at, end)) {
                row = at;
                break;
            }
        }
        if (row == NULL) {
            fail(set, "a spliced sheet's first marker is not in a row of the sheet");
            return zip_internal_error;
        }
        int status = pass_on(scan, entry, (size_t)(row - held), 1);
        if (status != zip_ok) return status;
        scan->current = found;
    }
}

int cxlsx_splice_scan_end(cxlsx_splice_scan *scan, cxlsx_packed_entry *entry) {
    splice_set *set = scan->set;
    int status = zip_ok;
    if (set->failed) {
        status = zip_internal_error;
    } else if (scan->current != NULL) {
        fail(set, "a part ended between a spliced sheet's first and last marker rows");
        status = zip_internal_error;
    } else if (scan->held_length > 0) {
        status = pass_on(scan, entry, scan->held_length, 1);
    }
    cxlsx_splice_scan_free(scan);
    return status;
}

int cxlsx_splice_check_closed(void *file) {
    splice_set *set = registered;
    if (set == NULL || (set->file != NULL && set->file != file)) return zip_ok;
    if (set->failed) return zip_internal_error;
    if (set->placed < set->count) {
        fail(set, "the marker rows of %zu of %zu spliced sheets were never found in the package",
             set->count - set->placed, set->count);
        return zip_internal_error;
    }
    return zip_ok;
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns C copies of Swift strings for as long as a libxlsxwriter call needs them.
///
/// libxlsxwriter 1.1.4 declares option-struct fields such as `lxw_doc_properties.title`,
/// `lxw_table_options.name`, `lxw_table_column.header` and `lxw_chart_options.description` as
/// `char *` (newer headers say `const char *`), so a pointer from `withCString` cannot be stored
/// there without casting away `const`. Each of those functions copies the strings before it
/// returns (checked in the 1.1.4 sources: workbook_set_properties, worksheet_add_table,
/// worksheet_insert_chart_opt and workbook_new_opt all `lxw_strdup`), so an arena that lives
/// for the duration of the call is enough and nothing is left for the workbook to free.
final class CStringArena {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    /// A malloc'ed, NUL-terminated copy of `text`, freed with the arena.
    func copy(_ text: String) throws -> UnsafeMutablePointer<CChar> {
        guard let pointer = strdup(text) else { throw XLSXError.memoryMallocFailed }
        pointers.append(pointer)
        return pointer
    }

    func copy(_ text: String?) throws -> UnsafeMutablePointer<CChar>? {
        guard let text else { return nil }
        return try copy(text) as UnsafeMutablePointer<CChar>
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}

/// Stores a C string in a field of a libxlsxwriter options struct: `char *` in 1.1 headers,
/// `const char *` in 1.2 (the overload that matches the installed header is the one chosen).
func setCString(_ field: inout UnsafeMutablePointer<CChar>?, _ value: UnsafeMutablePointer<CChar>?) {
    field = value
}

func setCString(_ field: inout UnsafePointer<CChar>?, _ value: UnsafeMutablePointer<CChar>?) {
    field = UnsafePointer(value)
}

/// Replaces a `char *` field that libxlsxwriter frees with `free()` by a malloc'ed copy.
/// Used where the public setter would misread the text (a leading "=" becomes a formula).
func replaceOwnedCString(_ field: inout UnsafeMutablePointer<CChar>?, with text: String) throws {
    guard let copy = strdup(text) else { throw XLSXError.memoryMallocFailed }
    free(field)
    field = copy
}

import CXLSXWriter
import Foundation

/// Everything that can go wrong while building a workbook.
///
/// The first group mirrors libxlsxwriter's `lxw_error` constants one to one, matched by name
/// (never by number, so a reordered enum in another libxlsxwriter release cannot silently
/// change meaning). The second group is raised by this wrapper before libxlsxwriter is called,
/// usually to keep a call from reaching C code that would misbehave.
public enum XLSXError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    // MARK: Mirrors of lxw_error
    case memoryMallocFailed
    case creatingXLSXFile
    case creatingTmpfile
    case readingTmpfile
    case zipFileOperation
    case zipParameterError
    case zipBadZipFile
    case zipInternalError
    case zipFileAdd
    case zipClose
    case featureNotSupported
    case nullParameterIgnored
    case parameterValidation
    case sheetnameLengthExceeded
    case invalidSheetnameCharacter
    case sheetnameStartEndApostrophe
    case sheetnameAlreadyUsed
    case string32LengthExceeded
    case string128LengthExceeded
    case string255LengthExceeded
    case maxStringLengthExceeded
    case sharedStringIndexNotFound
    case worksheetIndexOutOfRange
    case worksheetMaxURLLengthExceeded
    case worksheetMaxNumberURLsExceeded
    case imageDimensions
    /// An `lxw_error` value this wrapper has no name for (a newer libxlsxwriter's, such as 1.2's
    /// `LXW_ERROR_PARAMETER_IS_EMPTY`); described in the library's own words when it has them.
    case unknown(code: UInt32)

    // MARK: Raised by the wrapper
    /// The workbook was closed (or its close failed); its sheets, formats and charts are dead.
    case workbookClosed
    /// A worksheet, format or chart from one workbook was handed to another.
    case foreignHandle
    /// The feature needs an in-memory sheet, but the workbook streams its sheets (constant-memory mode).
    case constantMemoryUnsupported(feature: String)
    /// A value libxlsxwriter would accept but write as a broken file, or refuse with a vaguer code.
    case invalidArgument(String)
    /// A streamed sheet's rows written by ``SplicedRows`` could not be spooled or put into the
    /// file (the file is then removed: it is never left silently wrong).
    case splicedRows(String)

    /// Maps a libxlsxwriter return code; `nil` for `LXW_NO_ERROR`.
    init?(_ code: lxw_error) {
        switch code {
        case LXW_NO_ERROR: return nil
        case LXW_ERROR_MEMORY_MALLOC_FAILED: self = .memoryMallocFailed
        case LXW_ERROR_CREATING_XLSX_FILE: self = .creatingXLSXFile
        case LXW_ERROR_CREATING_TMPFILE: self = .creatingTmpfile
        case LXW_ERROR_READING_TMPFILE: self = .readingTmpfile
        case LXW_ERROR_ZIP_FILE_OPERATION: self = .zipFileOperation
        case LXW_ERROR_ZIP_PARAMETER_ERROR: self = .zipParameterError
        case LXW_ERROR_ZIP_BAD_ZIP_FILE: self = .zipBadZipFile
        case LXW_ERROR_ZIP_INTERNAL_ERROR: self = .zipInternalError
        case LXW_ERROR_ZIP_FILE_ADD: self = .zipFileAdd
        case LXW_ERROR_ZIP_CLOSE: self = .zipClose
        case LXW_ERROR_FEATURE_NOT_SUPPORTED: self = .featureNotSupported
        case LXW_ERROR_NULL_PARAMETER_IGNORED: self = .nullParameterIgnored
        case LXW_ERROR_PARAMETER_VALIDATION: self = .parameterValidation
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED: self = .sheetnameLengthExceeded
        case LXW_ERROR_INVALID_SHEETNAME_CHARACTER: self = .invalidSheetnameCharacter
        case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE: self = .sheetnameStartEndApostrophe
        case LXW_ERROR_SHEETNAME_ALREADY_USED: self = .sheetnameAlreadyUsed
        case LXW_ERROR_32_STRING_LENGTH_EXCEEDED: self = .string32LengthExceeded
        case LXW_ERROR_128_STRING_LENGTH_EXCEEDED: self = .string128LengthExceeded
        case LXW_ERROR_255_STRING_LENGTH_EXCEEDED: self = .string255LengthExceeded
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: self = .maxStringLengthExceeded
        case LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND: self = .sharedStringIndexNotFound
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: self = .worksheetIndexOutOfRange
        case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED: self = .worksheetMaxURLLengthExceeded
        case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED: self = .worksheetMaxNumberURLsExceeded
        case LXW_ERROR_IMAGE_DIMENSIONS: self = .imageDimensions
        default: self = .unknown(code: code.rawValue)
        }
    }

    /// Throws the mapped error unless `code` is `LXW_NO_ERROR`.
    static func check(_ code: lxw_error) throws {
        if let error = XLSXError(code) { throw error }
    }

    /// The C constant this case mirrors, so `lxw_strerror` can supply the library's own wording.
    private var lxwCode: lxw_error? {
        switch self {
        case .memoryMallocFailed: return LXW_ERROR_MEMORY_MALLOC_FAILED
        case .creatingXLSXFile: return LXW_ERROR_CREATING_XLSX_FILE
        case .creatingTmpfile: return LXW_ERROR_CREATING_TMPFILE
        case .readingTmpfile: return LXW_ERROR_READING_TMPFILE
        case .zipFileOperation: return LXW_ERROR_ZIP_FILE_OPERATION
        case .zipParameterError: return LXW_ERROR_ZIP_PARAMETER_ERROR
        case .zipBadZipFile: return LXW_ERROR_ZIP_BAD_ZIP_FILE
        case .zipInternalError: return LXW_ERROR_ZIP_INTERNAL_ERROR
        case .zipFileAdd: return LXW_ERROR_ZIP_FILE_ADD
        case .zipClose: return LXW_ERROR_ZIP_CLOSE
        case .featureNotSupported: return LXW_ERROR_FEATURE_NOT_SUPPORTED
        case .nullParameterIgnored: return LXW_ERROR_NULL_PARAMETER_IGNORED
        case .parameterValidation: return LXW_ERROR_PARAMETER_VALIDATION
        case .sheetnameLengthExceeded: return LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED
        case .invalidSheetnameCharacter: return LXW_ERROR_INVALID_SHEETNAME_CHARACTER
        case .sheetnameStartEndApostrophe: return LXW_ERROR_SHEETNAME_START_END_APOSTROPHE
        case .sheetnameAlreadyUsed: return LXW_ERROR_SHEETNAME_ALREADY_USED
        case .string32LengthExceeded: return LXW_ERROR_32_STRING_LENGTH_EXCEEDED
        case .string128LengthExceeded: return LXW_ERROR_128_STRING_LENGTH_EXCEEDED
        case .string255LengthExceeded: return LXW_ERROR_255_STRING_LENGTH_EXCEEDED
        case .maxStringLengthExceeded: return LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED
        case .sharedStringIndexNotFound: return LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND
        case .worksheetIndexOutOfRange: return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE
        case .worksheetMaxURLLengthExceeded: return LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED
        case .worksheetMaxNumberURLsExceeded: return LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED
        case .imageDimensions: return LXW_ERROR_IMAGE_DIMENSIONS
        case .unknown(let code):
            // A code of this libxlsxwriter's that has no name here still has the library's words.
            return code > LXW_NO_ERROR.rawValue && code < LXW_MAX_ERRNO.rawValue ? lxw_error(rawValue: code) : nil
        case .workbookClosed, .foreignHandle, .constantMemoryUnsupported, .invalidArgument, .splicedRows:
            return nil
        }
    }

    public var description: String {
        if let code = lxwCode, let text = lxw_strerror(code) {
            return "libxlsxwriter: " + String(cString: text)
        }
        switch self {
        case .unknown(let code):
            return "libxlsxwriter: unknown error code \(code)"
        case .workbookClosed:
            return "The workbook is closed; its worksheets, formats and charts can no longer be used."
        case .foreignHandle:
            return "A worksheet, format or chart belongs to a different workbook."
        case .constantMemoryUnsupported(let feature):
            return "\(feature) cannot be used on a streamed worksheet; open the workbook with constantMemory: false."
        case .invalidArgument(let why):
            return "Invalid argument: \(why)"
        case .splicedRows(let why):
            return "The rows of a streamed sheet could not be written: \(why)"
        default:
            return "libxlsxwriter error"
        }
    }

    public var errorDescription: String? { description }
}

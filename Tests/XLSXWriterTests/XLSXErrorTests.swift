import CXLSXWriter
import XCTest
@testable import XLSXWriter

final class XLSXErrorTests: XCTestCase {
    func testEveryLibxlsxwriterCodeMapsByName() {
        let expected: [(lxw_error, XLSXError)] = [
            (LXW_ERROR_MEMORY_MALLOC_FAILED, .memoryMallocFailed),
            (LXW_ERROR_CREATING_XLSX_FILE, .creatingXLSXFile),
            (LXW_ERROR_CREATING_TMPFILE, .creatingTmpfile),
            (LXW_ERROR_READING_TMPFILE, .readingTmpfile),
            (LXW_ERROR_ZIP_FILE_OPERATION, .zipFileOperation),
            (LXW_ERROR_ZIP_PARAMETER_ERROR, .zipParameterError),
            (LXW_ERROR_ZIP_BAD_ZIP_FILE, .zipBadZipFile),
            (LXW_ERROR_ZIP_INTERNAL_ERROR, .zipInternalError),
            (LXW_ERROR_ZIP_FILE_ADD, .zipFileAdd),
            (LXW_ERROR_ZIP_CLOSE, .zipClose),
            (LXW_ERROR_FEATURE_NOT_SUPPORTED, .featureNotSupported),
            (LXW_ERROR_NULL_PARAMETER_IGNORED, .nullParameterIgnored),
            (LXW_ERROR_PARAMETER_VALIDATION, .parameterValidation),
            (LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, .sheetnameLengthExceeded),
            (LXW_ERROR_INVALID_SHEETNAME_CHARACTER, .invalidSheetnameCharacter),
            (LXW_ERROR_SHEETNAME_START_END_APOSTROPHE, .sheetnameStartEndApostrophe),
            (LXW_ERROR_SHEETNAME_ALREADY_USED, .sheetnameAlreadyUsed),
            (LXW_ERROR_32_STRING_LENGTH_EXCEEDED, .string32LengthExceeded),
            (LXW_ERROR_128_STRING_LENGTH_EXCEEDED, .string128LengthExceeded),
            (LXW_ERROR_255_STRING_LENGTH_EXCEEDED, .string255LengthExceeded),
            (LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED, .maxStringLengthExceeded),
            (LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND, .sharedStringIndexNotFound),
            (LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, .worksheetIndexOutOfRange),
            (LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED, .worksheetMaxURLLengthExceeded),
            (LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED, .worksheetMaxNumberURLsExceeded),
            (LXW_ERROR_IMAGE_DIMENSIONS, .imageDimensions),
        ]
        for (code, error) in expected {
            XCTAssertEqual(XLSXError(code), error)
            XCTAssertEqual(error.description, "libxlsxwriter: " + String(cString: lxw_strerror(code)))
        }
        // Every code of the libxlsxwriter built against (1.1.4 has 26, 1.2.1 one more) is an error,
        // in the library's words; those 1.1 has are mapped by name.
        let named = Set(expected.map(\.0.rawValue))
        XCTAssertEqual(named.count, 26)
        for raw in 1 ..< LXW_MAX_ERRNO.rawValue {
            let code = lxw_error(rawValue: raw)
            guard let error = XLSXError(code) else { return XCTFail("code \(raw) is not an error") }
            XCTAssertEqual(error.description, "libxlsxwriter: " + String(cString: lxw_strerror(code)), "code \(raw)")
            if !named.contains(raw) { XCTAssertEqual(error, .unknown(code: raw), "code \(raw)") }
        }
        XCTAssertNil(XLSXError(LXW_NO_ERROR))
        XCTAssertEqual(XLSXError(lxw_error(rawValue: 999)), .unknown(code: 999))
    }

    func testMessagesAreReadable() {
        XCTAssertTrue(XLSXError.maxStringLengthExceeded.description.contains("32,767") || XLSXError.maxStringLengthExceeded.description.contains("32767"))
        XCTAssertTrue(XLSXError.sheetnameLengthExceeded.description.contains("31"))
        XCTAssertEqual(XLSXError.workbookClosed.errorDescription, XLSXError.workbookClosed.description)
        XCTAssertTrue(XLSXError.constantMemoryUnsupported(feature: "An Excel table").description.contains("An Excel table"))
        let localized: any Error = XLSXError.creatingTmpfile
        XCTAssertTrue(localized.localizedDescription.contains("tmpfile"), localized.localizedDescription)
    }
}

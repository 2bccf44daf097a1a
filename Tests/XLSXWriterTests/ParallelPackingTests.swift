import CXLSXFastPaths
import Foundation
import SamlaTestSupport
import XCTest
@testable import XLSXWriter

/// The parts deflated in blocks on every core (`CXLSXFastPaths`, ParallelPacking.c): the zip file
/// must be one that any reader takes whole (Python's zipfile with its CRC check, Info-ZIP's
/// `unzip -t`, openpyxl, LibreOffice), its parts the very bytes the library alone packs, and the
/// blocks really deflated on the packing threads.
final class ParallelPackingTests: XCTestCase {
    /// A part of many blocks, written with the fast paths on, on with zip64, and off: the same
    /// bytes every time, a file every reader takes, and every block but the small parts' on the
    /// packing threads.
    func testALargePartIsDeflatedOnEveryCoreAndHoldsTheSameBytes() throws {
        let dir = try TemporaryDirectory()
        let rows = 60_000
        var files: [String: String] = [:]
        var blocks: [String: UInt64] = [:]
        for (name, fast, zip64) in [("on", true, false), ("zip64", true, true), ("off", false, false)] {
            let path = dir.path("\(name).xlsx")
            try FastPaths.with(enabled: fast) {
                XCTAssertEqual(FastPaths.packOnEveryCore, fast, "libxlsxwriter's writes reach the packing threads only with the fast paths on")
                let before = FastPaths.blocksDeflatedInParallel
                try Self.writeAnswers(to: path, rows: rows, zip64: zip64)
                blocks[name] = FastPaths.blocksDeflatedInParallel - before
            }
            files[name] = path
        }
        let checked = try PackedZip.check(Array(files.values))
        let on = try XCTUnwrap(checked[files["on"]!])
        let sheet = "xl/worksheets/sheet1.xml"
        let sheetSize = try XCTUnwrap(on.sizes[sheet])
        XCTAssertGreaterThan(sheetSize, 8 * 512 * 1024, "the sheet spans many blocks")
        XCTAssertEqual(blocks["on"], UInt64((sheetSize + 512 * 1024 - 1) / (512 * 1024)),
                       "every block of the sheet, and only the sheet's, deflated on the packing threads")
        XCTAssertEqual(blocks["zip64"], blocks["on"])
        XCTAssertEqual(blocks["off"], 0)
        for name in ["zip64", "off"] {
            XCTAssertEqual(checked[files[name]!]?.parts, on.parts, "\(name): the same parts with the same bytes")
        }
        XCTAssertTrue(try XCTUnwrap(checked[files["zip64"]!]).zip64, "the zip64 workbook's entries carry zip64 extra fields")
        XCTAssertFalse(on.zip64)
        XCTAssertLessThan(try XCTUnwrap(checked[files["off"]!]).packed, on.packed, "off, at zlib's default level: tighter")

        for name in ["on", "zip64"] {
            let read = try ReadBack.read(files[name]!, mode: "rows", extra: ["Answers"])
            XCTAssertEqual(read["rows"] as? Int, rows, name)
            XCTAssertEqual((read["last"] as? [Any])?.first as? String, Self.answer(rows - 1), name)
        }
        let office = try LibreOffice.csvRows(files["on"]!, in: dir.path("csv"))
        XCTAssertEqual(office.count, rows, "LibreOffice reads every row")
        XCTAssertEqual(office.first, [Self.answer(0), "1"])
        XCTAssertEqual(office[31_337], [Self.answer(31_337), "3"])
        XCTAssertEqual(office.last, [Self.answer(rows - 1), "5"])
    }

    /// Two workbooks closed at the same time on two threads share the packing threads; each is the
    /// same as when closed alone.
    func testTwoWorkbooksClosedAtOnceAreEachWhole() throws {
        let dir = try TemporaryDirectory()
        let (alone, together) = try Self.writtenAloneAndAtOnce(in: dir) { try ParallelPackingTests.writeAnswers(to: $0, rows: 30_000 + $1 * 7_000) }
        let checked = try PackedZip.check(alone + together)
        for i in 0..<2 {
            XCTAssertEqual(checked[together[i]]?.parts, checked[alone[i]]?.parts, "workbook \(i)")
            XCTAssertEqual(checked[together[i]]?.packed, checked[alone[i]]?.packed, "workbook \(i): the same blocks, the same packing")
        }
        XCTAssertNotEqual(checked[alone[0]]?.parts, checked[alone[1]]?.parts)
    }

    /// A zip file that stops taking bytes partway through a large entry (the file size limit, as a
    /// full disk would): the write on the packing threads' path fails, and so do the entry's close
    /// and the file's; the next file is packed whole, as if nothing had failed.
    func testAWriteThatFailsPartwayFailsTheEntryAndTheNextFileIsWhole() throws {
        let minizip = try Minizip()
        let dir = try TemporaryDirectory()
        // Incompressible, so the file grows as fast as the entry; more blocks than are ever in memory
        // at once, so some are written to the file before the last is given.
        let noise = Self.noise(24 * 512 * 1024)
        let before = FastPaths.blocksDeflatedInParallel
        var statuses: [Int32] = []
        try FastPaths.with(enabled: true) {
            let zip = try minizip.create(dir.path("limited.zip"))
            try minizip.open("noise.bin", level: 2, in: zip)
            try FileSizeLimit.during(700_000) {
                var start = 0
                while start < noise.count, statuses.last ?? 0 == 0 {
                    statuses.append(noise[start..<min(start + 16_384, noise.count)].withUnsafeBytes {
                        minizip.writeEntry(zip, $0.baseAddress, UInt32($0.count))
                    })
                    start += 16_384
                }
                statuses.append(minizip.closeEntryFunction(zip))
                statuses.append(minizip.closeFile(zip, nil))
            }
        }
        XCTAssertGreaterThan(FastPaths.blocksDeflatedInParallel, before, "the entry went through the packing threads")
        XCTAssertEqual(statuses.filter { $0 != 0 }.count, 3, "the write, the entry's close and the file's close fail: \(statuses)")
        XCTAssertLessThan(statuses.count, noise.count / 16_384 + 2, "the writes stop at the first failure")

        // Then a file of the same entries, with the packing threads as before.
        try FastPaths.with(enabled: true) {
            let zip = try minizip.create(dir.path("after.zip"))
            try minizip.add("noise.bin", noise, chunk: 16_384, level: 2, to: zip)
            try minizip.close(zip)
        }
        try Data(noise).write(to: URL(fileURLWithPath: dir.path("expected-noise.bin")))
        XCTAssertEqual(try Python.run(["-c", PackedZip.compareScript, dir.path("after.zip"), dir.url.path]), "1 entries whole\n")
    }

    /// minizip's calls made directly, as libxlsxwriter makes them: entries of every length around
    /// the blocks' edges, written in chunks of every size, at several levels, one of them
    /// incompressible, and one past 4 GiB in a zip64 file. Each reads back whole with its CRC.
    func testEntriesOfEveryLengthReadBackWhole() throws {
        let minizip = try Minizip()
        let dir = try TemporaryDirectory()
        let block = 512 * 1024
        let lengths = [0, 1, 1_000, 32_767, 32_768, 32_769, block - 1, block, block + 1, 2 * block, 3 * block + 12_345, 3_300_000]
        let chunks = [1, 7_919, 16_384, 1_000_000]
        var entries: [(name: String, bytes: [UInt8], chunk: Int, level: Int32)] = []
        for (i, length) in lengths.enumerated() {
            let chunk = length <= 1_000 ? 1 : chunks[i % chunks.count]
            entries.append(("text-\(length).xml", Self.xmlLike(length, seed: UInt64(i + 1)), chunk, [-1, 1, 2, 9][i % 4]))
        }
        entries.append(("noise.bin", Self.noise(3 * block / 2), 16_384, 2))
        for (name, bytes, _, _) in entries {
            try Data(bytes).write(to: URL(fileURLWithPath: dir.path("expected-\(name)")))
        }
        var expectedBlocks: UInt64 = 0
        for (_, bytes, _, _) in entries where bytes.count > block { expectedBlocks += UInt64((bytes.count + block - 1) / block) }
        for fast in [true, false] {
            let path = dir.path("entries-\(fast).zip")
            let before = FastPaths.blocksDeflatedInParallel
            try FastPaths.with(enabled: fast) {
                let zip = try minizip.create(path)
                for entry in entries {
                    try minizip.add(entry.name, entry.bytes, chunk: entry.chunk, level: entry.level, to: zip)
                }
                try minizip.close(zip)
            }
            XCTAssertEqual(FastPaths.blocksDeflatedInParallel - before, fast ? expectedBlocks : 0, "fast paths \(fast)")
            let read = try Python.run(["-c", PackedZip.compareScript, path, dir.url.path])
            XCTAssertEqual(read, "\(entries.count) entries whole\n", "fast paths \(fast)")
        }

        // Past 4 GiB, where the sizes take zip64's fields: the blocks' CRCs joined over 8,193 blocks.
        let path = dir.path("large.zip")
        let pattern = Self.xmlLike(4_096, seed: 99)
        let chunk = Array(repeating: pattern, count: 256).flatMap { $0 }  // 1 MiB
        let count = 4 * 1024 + 1
        try FastPaths.with(enabled: true) {
            let zip = try minizip.create(path)
            try minizip.open("large.xml", level: 1, zip64: true, in: zip)
            for _ in 0..<count { try minizip.write(chunk, to: zip) }
            try minizip.closeEntry(zip)
            try minizip.close(zip)
        }
        let large = try Python.run(["-c", PackedZip.largeScript, path, String(pattern.count), String(chunk.count * count)])
        XCTAssertEqual(large, "\(chunk.count * count) bytes whole\n")
    }

    // MARK: Data

    /// Writes two workbooks with `write(path, i)` one after the other, then two more at the same
    /// time on two threads, the fast paths on; the paths of both pairs, once none failed.
    static func writtenAloneAndAtOnce(in dir: TemporaryDirectory, _ write: @escaping @Sendable (String, Int) throws -> Void) throws
        -> (alone: [String], together: [String]) {
        let alone = [dir.path("alone-0.xlsx"), dir.path("alone-1.xlsx")]
        let together = [dir.path("together-0.xlsx"), dir.path("together-1.xlsx")]
        let failures = FailureList()
        try FastPaths.with(enabled: true) {
            for (i, path) in alone.enumerated() { try write(path, i) }
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do { try write(together[i], i) } catch { failures.append("\(i): \(error)") }
            }
        }
        XCTAssertEqual(failures.all, [])
        return (alone, together)
    }

    private static func answer(_ row: Int) -> String {
        "Answer \(row): \(String(repeating: "växa ", count: row % 7))hållbar \(row * 7_919 % 10_007)"
    }

    private static func writeAnswers(to path: String, rows: Int, zip64: Bool = false) throws {
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true, zip64: zip64, compression: .fast))
        try workbook.setProperties(DocumentProperties(title: "Packing", created: Date(timeIntervalSince1970: 1_700_000_000)))
        let sheet = try workbook.addWorksheet(name: "Answers")
        for row in 0..<rows {
            try sheet.writeString(Self.answer(row), row: row, column: 0)
            try sheet.writeNumber(Double(row % 5 + 1), row: row, column: 1)
        }
        try workbook.close()
    }

    /// Text that deflates as sheet XML does: tags repeating, numbers that do not.
    private static func xmlLike(_ length: Int, seed: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length + 64)
        var state = seed
        var row = 0
        while bytes.count < length {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            row += 1
            bytes += Array("<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>svar \(state >> 40)</t></is></c></row>".utf8)
        }
        return Array(bytes.prefix(length))
    }

    private static func noise(_ length: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<length).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }
}

/// minizip's public functions, found in this program as libxlsxwriter finds them: the entry
/// functions are then this program's own (`CXLSXFastPaths`), the rest minizip's.
struct Minizip {
    typealias Create = @convention(c) (UnsafeRawPointer?, Int32) -> OpaquePointer?
    typealias OpenEntry = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafeRawPointer?, UnsafeRawPointer?, UInt32,
                                          UnsafeRawPointer?, UInt32, UnsafePointer<CChar>?, Int32, Int32, Int32, Int32, Int32,
                                          Int32, UnsafePointer<CChar>?, UInt, UInt, UInt, Int32) -> Int32
    typealias Write = @convention(c) (OpaquePointer?, UnsafeRawPointer?, UInt32) -> Int32
    typealias CloseEntry = @convention(c) (OpaquePointer?) -> Int32
    typealias Close = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32

    let createFile: Create
    let openEntry: OpenEntry
    let writeEntry: Write
    let closeEntryFunction: CloseEntry
    let closeFile: Close

    init() throws {
        let program = dlopen(nil, RTLD_NOW)
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let address = dlsym(program, name) else { throw ReadBack.Failure(description: "\(name) is not in this program") }
            return unsafeBitCast(address, to: type)
        }
        createFile = try symbol("zipOpen64", as: Create.self)
        openEntry = try symbol("zipOpenNewFileInZip4_64", as: OpenEntry.self)
        writeEntry = try symbol("zipWriteInFileInZip", as: Write.self)
        closeEntryFunction = try symbol("zipCloseFileInZip", as: CloseEntry.self)
        closeFile = try symbol("zipClose", as: Close.self)
    }

    private func check(_ status: Int32, _ what: String) throws {
        guard status == 0 else { throw ReadBack.Failure(description: "minizip: \(what) returned \(status)") }
    }

    func create(_ path: String) throws -> OpaquePointer {
        guard let zip = path.withCString({ createFile($0, 0) }) else { throw ReadBack.Failure(description: "cannot create \(path)") }
        return zip
    }

    /// Opens a deflated entry as libxlsxwriter does (Z_DEFLATED, -MAX_WBITS, memory level 8).
    func open(_ name: String, level: Int32, zip64: Bool = false, in zip: OpaquePointer) throws {
        try check(name.withCString { openEntry(zip, $0, nil, nil, 0, nil, 0, nil, 8, level, 0, -15, 8, 0, nil, 0, 0, 0, zip64 ? 1 : 0) },
                  "opening \(name)")
    }

    func write(_ bytes: [UInt8], to zip: OpaquePointer) throws {
        try check(bytes.withUnsafeBytes { writeEntry(zip, $0.baseAddress, UInt32($0.count)) }, "writing")
    }

    func closeEntry(_ zip: OpaquePointer) throws {
        try check(closeEntryFunction(zip), "closing an entry")
    }

    func add(_ name: String, _ bytes: [UInt8], chunk: Int, level: Int32, to zip: OpaquePointer) throws {
        try open(name, level: level, in: zip)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try write(Array(bytes[start..<end]), to: zip)
            start = end
        }
        try closeEntry(zip)
    }

    func close(_ zip: OpaquePointer) throws {
        try check(closeFile(zip, nil), "closing the file")
    }
}

/// A limit on the size of the files this process writes, for a moment: past it, writes fail with
/// EFBIG instead of the process being stopped by SIGXFSZ.
enum FileSizeLimit {
    static func during(_ bytes: rlim_t, _ body: () throws -> Void) rethrows {
        var previous = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &previous)
        let handler = signal(SIGXFSZ, SIG_IGN)
        var limited = previous
        limited.rlim_cur = bytes
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limited)
        defer {
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &previous)
            signal(SIGXFSZ, handler)
        }
        try body()
    }
}

/// What Python's zipfile and Info-ZIP's unzip make of a packed file.
private struct PackedZip {
    let parts: [String: String]
    let sizes: [String: Int]
    let packed: Int
    let zip64: Bool

    /// Checks each file with `unzip -t` and zipfile's CRC check, and reads its parts' SHA-256.
    static func check(_ paths: [String]) throws -> [String: PackedZip] {
        let output = try Python.run(["-c", checkScript] + paths)
        guard let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]] else {
            throw ReadBack.Failure(description: "the zip check printed no JSON: \(output)")
        }
        return try json.mapValues { file in
            guard let parts = file["parts"] as? [String: String], let sizes = file["sizes"] as? [String: Int],
                  let packed = file["packed"] as? Int, let zip64 = file["zip64"] as? Bool else {
                throw ReadBack.Failure(description: "the zip check printed \(file)")
            }
            return PackedZip(parts: parts, sizes: sizes, packed: packed, zip64: zip64)
        }
    }

    static let checkScript = #"""
import hashlib, json, struct, subprocess, sys, zipfile
def local_extra(path, info):
    # The extra field of the entry's local header, where minizip puts zip64's sizes.
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        header = f.read(30)
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        f.seek(name_length, 1)
        return f.read(extra_length)
result = {}
for path in sys.argv[1:]:
    tested = subprocess.run(["unzip", "-tq", path], capture_output=True, text=True)
    if tested.returncode != 0:
        sys.exit("unzip -t %s: %s%s" % (path, tested.stdout, tested.stderr))
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            sys.exit("%s: %s fails its CRC" % (path, bad))
        infos = z.infolist()
        result[path] = {"parts": {i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in infos},
                        "sizes": {i.filename: i.file_size for i in infos},
                        "packed": sum(i.compress_size for i in infos),
                        "zip64": all(local_extra(path, i)[:2] == b"\x01\x00" for i in infos)}
print(json.dumps(result))
"""#

    /// Every entry of the file (argv 1) against expected-NAME in the folder (argv 2).
    static let compareScript = #"""
import os, subprocess, sys, zipfile
path, folder = sys.argv[1], sys.argv[2]
tested = subprocess.run(["unzip", "-tq", path], capture_output=True, text=True)
if tested.returncode != 0:
    sys.exit("unzip -t: %s%s" % (tested.stdout, tested.stderr))
with zipfile.ZipFile(path) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit("%s fails its CRC" % bad)
    for info in z.infolist():
        with open(os.path.join(folder, "expected-" + info.filename), "rb") as f:
            if z.read(info) != f.read():
                sys.exit("%s differs" % info.filename)
    print("%d entries whole" % len(z.infolist()))
"""#

    /// The one entry of a zip64 file (argv 1), streamed: its size (argv 3), a pattern of argv 2
    /// bytes repeating, and its CRC (checked by zipfile at the end of the stream).
    static let largeScript = #"""
import sys, zipfile
path, period, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with zipfile.ZipFile(path) as z:
    [info] = z.infolist()
    if info.file_size != size:
        sys.exit("the directory says %d bytes" % info.file_size)
    total, first = 0, None
    with z.open(info) as f:
        while True:
            chunk = f.read(1 << 22)
            if not chunk:
                break
            if first is None:
                first = chunk[:period]
            if chunk != (first * (len(chunk) // period + 1))[:len(chunk)]:
                sys.exit("the bytes at %d differ" % total)
            total += len(chunk)
print("%d bytes whole" % total)
"""#
}

/// LibreOffice's reading of a workbook, as CSV rows of its first sheet.
enum LibreOffice {
    static func csvRows(_ path: String, in folder: String) throws -> [[String]] {
        let script = #"""
import csv, os, subprocess, sys, tempfile
path, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder, exist_ok=True)
profile = tempfile.mkdtemp(prefix="samla-lo-")
subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", folder, path],
               check=True, capture_output=True, timeout=600)
name = os.path.splitext(os.path.basename(path))[0] + ".csv"
with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        print("\t".join(row))
"""#
        return try Python.run(["-c", script, path, folder]).split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// Failures gathered from several threads.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String] = []
    func append(_ failure: String) { lock.lock(); failures.append(failure); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return failures }
}

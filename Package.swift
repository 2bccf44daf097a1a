// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Samla",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "samla", targets: ["samla"]),
        .library(name: "SamlaKit", targets: ["SamlaKit"]),
        .library(name: "CSVReader", targets: ["CSVReader"]),
        .library(name: "XLSXWriter", targets: ["XLSXWriter"]),
        .library(name: "XLSXReader", targets: ["XLSXReader"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        // libxlsxwriter from the system (Debian's libxlsxwriter-dev), found through pkg-config;
        // any version with the 1.1 API.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // The deflate level under libxlsxwriter and the parts deflated on every core, through
        // minizip's and zlib's public functions (see its header); off with SAMLA_XLSX_FAST_PATHS=off.
        .target(name: "CXLSXFastPaths", linkerSettings: [.linkedLibrary("z")]),
        // A safe Swift face over libxlsxwriter; knows nothing of surveys.
        .target(name: "XLSXWriter", dependencies: ["CXLSXWriter", "CXLSXFastPaths"]),
        // Bytes to records: encodings, dialect sniffing, quoting, located errors; knows nothing of surveys.
        .target(name: "CSVReader"),
        // libxml2 from Debian's libxml2-dev: its push parser takes the chunks the zip inflates.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Rows of an .xlsx worksheet, streamed from the zip through a SAX parser; knows nothing of surveys.
        .target(
            name: "XLSXReader",
            dependencies: ["CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Tokens, stopwords, Snowball stemmers (Swedish, English), language guess; knows nothing of surveys.
        .target(name: "FreeText"),
        // Raw mode, key decoding, line editing and screen control for the prompts; knows nothing of surveys.
        .target(name: "TerminalUI"),
        // libqrencode from Debian's libqrencode-dev: the QR code of the participant URL.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // A QR code as a module matrix, drawn in Unicode half blocks and as SVG; knows nothing of surveys.
        .target(name: "QRCode", dependencies: ["CQREncode", "WebText"]),
        // Escaping for text in HTML, SVG and JSON; knows nothing of surveys.
        .target(name: "WebText"),
        // HTTP on Hummingbird: security headers, body and rate limits, error pages without internals,
        // Server-Sent Events, form bodies; knows nothing of surveys.
        .target(
            name: "WebServing",
            dependencies: [
                "WebText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // SQLite's per-connection switches (sqlite3_db_config, which Swift cannot call), for the
        // store; SQLite itself comes through GRDB.
        .systemLibrary(name: "CSQLiteConfig"),
        // A VFS shim that hands SQLite's writes on in aligned 64 KiB pieces during a bulk write
        // (the WAL's frames, a checkpoint's pages), through SQLite's public VFS interface.
        .target(name: "CSQLiteWriteCoalescing", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The domain: survey definitions, store, collect, import, analysis, reports.
        .target(
            name: "SamlaKit",
            dependencies: [
                "CSVReader", "XLSXReader", "XLSXWriter", "FreeText", "WebText", "CSQLiteConfig", "CSQLiteWriteCoalescing",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The thin command line: argument parsing and terminal I/O.
        .executableTarget(
            name: "samla",
            dependencies: [
                "SamlaKit", "TerminalUI", "SamlaServe", "QRCode",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `samla serve`'s routes: plain async handlers over typed requests, from the domain to HTTP.
        .target(
            name: "SamlaServe",
            dependencies: [
                "SamlaKit", "WebServing", "QRCode", "WebText",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "CSVReaderTests", dependencies: ["CSVReader"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter", "CXLSXFastPaths", "CXLSXWriter", "SamlaTestSupport"]),
        // Workbooks written by hand, by openpyxl and by libxlsxwriter, read back; damaged ones fuzzed.
        .testTarget(
            name: "XLSXReaderTests",
            dependencies: ["XLSXReader", "XLSXWriter", "SamlaTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "FreeTextTests",
            dependencies: ["FreeText"],
            // Word lists for the differential test against Snowball's reference stemmers.
            exclude: ["vocabulary-sv.txt", "vocabulary-en.txt"]
        ),
        // Paths to the repository and ../shared, for every test target that reads them.
        .target(name: "SamlaTestSupport", path: "Tests/SamlaTestSupport"),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(
            name: "SamlaKitTests",
            dependencies: ["SamlaKit", "SamlaTestSupport", "XLSXWriter", "CSQLiteWriteCoalescing", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        // The server through HummingbirdTesting's client, and the real binary in headless Chromium.
        .testTarget(
            name: "SamlaServeTests",
            dependencies: [
                "SamlaServe", "SamlaKit", "WebServing", "WebText", "SamlaTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["browser"]
        ),
        // Drives the built `samla` binary through pipes and a real terminal.
        .testTarget(name: "EndToEndTests", dependencies: ["SamlaKit", "SamlaTestSupport"], exclude: ["word_survival.py"]),
    ]
)

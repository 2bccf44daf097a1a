import Foundation
import XCTest
@testable import FreeText

/// Compares both stemmers with the independent Python implementation `snowballstemmer` (PyPI)
/// over the vocabulary files beside this test: vocabulary-sv.txt (11,000+ words) and
/// vocabulary-en.txt (13,000+ words). They were generated from text written for them (survey-like
/// answers in each language), lemma lists inflected with every suffix the algorithms handle, and
/// the words of the benchmark generator and the seed document. Every difference is listed.
///
/// CI installs snowballstemmer with pip (scripts/install-deps.sh). When python3 or the module is
/// missing the test fails and says so: a silent skip would hide that nothing was compared.
final class StemmerDifferentialTests: XCTestCase {
    private static let script = """
        import sys
        try:
            import snowballstemmer
        except ImportError:
            sys.stderr.write("the Python module snowballstemmer is not installed: run `python3 -m pip install snowballstemmer`\\n")
            sys.exit(3)
        stemmer = snowballstemmer.stemmer(sys.argv[1])
        with open(sys.argv[2], encoding="utf-8") as f:
            words = [w for w in f.read().split("\\n") if w]
        sys.stdout.write("\\n".join(stemmer.stemWords(words)) + "\\n")
        """

    private func vocabulary(_ name: String) throws -> (URL, [String]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return (url, text.split(separator: "\n").map(String.init))
    }

    private func referenceStems(language: String, file: URL) throws -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, language, file.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            XCTFail("could not start python3 (needed for the snowballstemmer comparison): \(error)")
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            XCTFail("python3 snowballstemmer comparison failed (exit \(process.terminationStatus)): \(errors)")
            return nil
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    private func compare(_ stemmer: any Stemmer, language: String, vocabulary name: String, minimum: Int) throws {
        let (url, words) = try vocabulary(name)
        XCTAssertGreaterThanOrEqual(words.count, minimum, "vocabulary \(name) is too small")
        guard let reference = try referenceStems(language: language, file: url) else { return }
        XCTAssertEqual(reference.count, words.count, "snowballstemmer returned a different number of stems")
        var differences: [String] = []
        for (word, expected) in zip(words, reference) {
            let actual = stemmer.stem(word)
            if actual != expected { differences.append("\(word): ours \(actual), snowballstemmer \(expected)") }
        }
        XCTAssertTrue(differences.isEmpty,
                      "\(differences.count) of \(words.count) \(language) words differ:\n" + differences.prefix(50).joined(separator: "\n"))
    }

    func testSwedishAgreesWithSnowballstemmer() throws {
        try compare(SwedishStemmer(), language: "swedish", vocabulary: "vocabulary-sv.txt", minimum: 3000)
    }

    func testEnglishAgreesWithSnowballstemmer() throws {
        try compare(EnglishStemmer(), language: "english", vocabulary: "vocabulary-en.txt", minimum: 3000)
    }
}

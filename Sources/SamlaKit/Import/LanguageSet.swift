/// Which of a survey's languages a matched text belongs to, as bits by position in
/// `Survey.languages`; ids and numbers belong to all of them.
struct LanguageSet: Hashable, Sendable {
    var bits: UInt64

    static let all = LanguageSet(bits: .max)
    static let none = LanguageSet(bits: 0)

    static func only(_ index: Int) -> LanguageSet {
        LanguageSet(bits: index < 64 ? 1 << UInt64(index) : 0)
    }

    func union(_ other: LanguageSet) -> LanguageSet { LanguageSet(bits: bits | other.bits) }
    func intersection(_ other: LanguageSet) -> LanguageSet { LanguageSet(bits: bits & other.bits) }
    var isEmpty: Bool { bits == 0 }

    /// The first of `languages` in the set, when the set says something (not all, not none).
    func language(in languages: [String]) -> String? {
        guard !isEmpty else { return nil }
        let named = languages.indices.filter { $0 < 64 && bits & (1 << UInt64($0)) != 0 }
        guard !named.isEmpty, named.count < languages.count || languages.count == 1 else { return nil }
        return languages[named[0]]
    }
}

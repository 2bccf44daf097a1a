/// One theme of a codebook: a name and what signals it.
public struct Theme: Sendable, Hashable, Codable {
    public var name: String
    /// Words or phrases as a person writes them ("kollektivtrafik", "public transport"). They are
    /// stemmed like the answers, so inflected answers still hit them.
    public var keywords: [String]
    /// Stems given directly, for cases stemming cannot reach. A trailing `*` makes it a prefix,
    /// which is how Swedish compounds are caught: "klimat*" hits "klimatomställningen".
    public var stems: [String]

    public init(name: String, keywords: [String] = [], stems: [String] = []) {
        self.name = name
        self.keywords = keywords
        self.stems = stems
    }
}

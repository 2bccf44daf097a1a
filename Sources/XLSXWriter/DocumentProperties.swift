import Foundation

/// The document metadata shown in Excel's File > Info (docProps/core.xml and app.xml).
public struct DocumentProperties: Hashable, Sendable {
    public var title: String?
    public var subject: String?
    public var author: String?
    public var manager: String?
    public var company: String?
    public var category: String?
    public var keywords: String?
    public var comments: String?
    public var status: String?
    /// Written as both the created and the modified time, to the second, in UTC. When nil,
    /// libxlsxwriter uses the current time, so two runs never give identical files; set it (for
    /// example from ``sourceDateEpoch(in:)``) for byte-identical output.
    public var created: Date?

    public init(
        title: String? = nil,
        subject: String? = nil,
        author: String? = nil,
        manager: String? = nil,
        company: String? = nil,
        category: String? = nil,
        keywords: String? = nil,
        comments: String? = nil,
        status: String? = nil,
        created: Date? = nil
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.status = status
        self.created = created
    }

    /// The date given by the SOURCE_DATE_EPOCH convention (reproducible-builds.org): whole
    /// seconds since 1970 in decimal. Nil when unset or malformed.
    public static func sourceDateEpoch(in environment: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds >= 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The time_t handed to libxlsxwriter. libxlsxwriter reads 0 as "now", so the epoch itself
    /// is moved one second on: the nearest instant that still gives reproducible output.
    var createdTimestamp: Int {
        guard let created else { return 0 }
        let seconds = Int(created.timeIntervalSince1970.rounded(.down))
        return seconds == 0 ? 1 : seconds
    }

    var textFields: [String?] {
        [title, subject, author, manager, company, category, keywords, comments, status]
    }
}

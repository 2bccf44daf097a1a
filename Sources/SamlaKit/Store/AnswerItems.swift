/// A response's answers as the items PostgreSQL counts them by (`response.answer_items`, migration
/// v5): one short text per answer, `"question":value` in the stored JSON form, a text answer only
/// as written or empty (`{"t":"*"}`, `{"t":""}`), so that alike answers are alike texts however many
/// respondents wrote something different. A summary groups these texts on the server, one hash
/// lookup each (`PostgresAnswerCounts`); the analysis reads the same value back from an item as
/// from the row, since a text answer's figures beside the analysed texts (streamed apart) depend
/// only on whether it is empty.
enum AnswerItems {
    /// The items of answers as stored; nil when they cannot be read (such a row is counted from its
    /// text). A value is kept as its stored bytes, which read as the same answer.
    static func items(ofStored answers: String) -> [String]? {
        var answers = answers
        return answers.withUTF8 { bytes in
            var reader = JSONReader(bytes)
            var items: [String] = []
            items.reserveCapacity(16)
            var item: [UInt8] = []
            do {
                try reader.object { reader, key throws in
                    let start = reader.offset
                    let value = try AnswerCoding.decodeValue(&reader)
                    item.removeAll(keepingCapacity: true)
                    JSONText.appendQuoted(key, to: &item)
                    item.append(UInt8(ascii: ":"))
                    if case .text(let written) = value {
                        item.append(contentsOf: (written.isEmpty ? #"{"t":""}"# : #"{"t":"*"}"#).utf8)
                    } else {
                        item.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start ..< reader.offset]))
                    }
                    items.append(String(decoding: item, as: UTF8.self))
                }
            } catch {
                return nil
            }
            return items
        }
    }

    /// An item's question and value.
    static func decode(_ item: String) throws -> (question: String, value: AnswerValue) {
        var object = "{" + item + "}"
        return try object.withUTF8 { bytes in
            var reader = JSONReader(bytes)
            var found: (String, AnswerValue)?
            try reader.object { reader, key throws in found = (key, try AnswerCoding.decodeValue(&reader)) }
            guard let found else { throw StoredDataError(message: "an answer item without an answer") }
            return found
        }
    }
}

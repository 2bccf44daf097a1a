import Foundation

/// The draft `samla new` keeps while a survey is built: `<surveys>/.<id>.draft.yaml`, the survey so
/// far in the format itself, saved after every question and every change at the preview, removed
/// once the survey is written or the host quits. The next `samla new` offers to resume it.
struct SurveyBuilderDraft {
    let directory: String

    func path(for id: String) -> String {
        (directory as NSString).appendingPathComponent(".\(id).draft.yaml")
    }

    /// The newest draft that still reads as a survey, with when it was saved.
    func newest() -> (path: String, survey: Survey, saved: Date)? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var best: (path: String, survey: Survey, saved: Date)?
        for name in names where name.hasPrefix(".") && name.hasSuffix(".draft.yaml") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let survey = SurveyLoader.load(path: path).survey else { continue }
            let saved = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
            if let current = best, saved <= current.saved { continue }
            best = (path, survey, saved)
        }
        return best
    }

    func remove(id: String) {
        try? FileManager.default.removeItem(atPath: path(for: id))
    }
}

import Foundation
import Testing

/// Compares `actual` with the golden file `Snapshots/<name>` next to this file; with
/// `RECLENS_RECORD=1` in the environment it (re)writes the file instead and passes.
func expectGolden(_ actual: String, named name: String, filePath: String = #filePath,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECLENS_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing golden file \(url.path); run with RECLENS_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    #expect(actual == expected, "differs from \(name); re-record with RECLENS_RECORD=1 if intended",
            sourceLocation: sourceLocation)
}

import Foundation

/// Locates test inputs: the project's own fixtures and, when present, `../shared/data`.
public enum SharedData {
    /// The repository root (the folder holding Package.swift), found from this source file.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `Data/fixtures` in the repository.
    public static var fixtures: URL { repositoryRoot.appendingPathComponent("Data/fixtures") }

    /// `../shared/data/<name>` next to the repository, or nil when it is not there (tests that
    /// need real MovieLens data are then skipped). `RECLENS_SHARED_DATA` overrides the folder.
    public static func movieLens(_ name: String) -> URL? {
        let base = ProcessInfo.processInfo.environment["RECLENS_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        let url = base.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}

// FoundationEssentials, not Foundation: Foundation brings its own ICU module, which clashes
// with the system ICU headers libxml2's headers include (CLibXML2) in the same module.
import FoundationEssentials
import Synchronization

extension SiteChecker {
    /// Checks every regular file under `directory` (recursively, hidden files included, symbolic
    /// links followed) as ``check(files:)`` does, paths relative to `directory`; each file is
    /// read when its turn comes and dropped once scanned, so the site is never in memory whole.
    ///
    /// - Throws: when a folder cannot be listed or a file cannot be read.
    public func check(directory: URL) throws -> [SiteProblem] {
        var paths: [String] = []
        try Self.listFolder(directory.path, relative: "", into: &paths)
        let root = directory.path
        let failure = ReadFailure()
        let problems = check(paths: paths) { path in
            do {
                return [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
            } catch {
                failure.record(error)
                return nil
            }
        }
        if let problems { return problems }
        throw failure.error ?? CocoaError(.fileReadUnknown)
    }

    private static func listFolder(_ path: String, relative: String, into paths: inout [String]) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: path).sorted() {
            let childPath = path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var isFolder = false
            guard manager.fileExists(atPath: childPath, isDirectory: &isFolder) else { continue }
            if isFolder {
                try listFolder(childPath, relative: childRelative, into: &paths)
            } else {
                paths.append(childRelative)
            }
        }
    }
}

/// The first error of the files read in parallel.
private final class ReadFailure: Sendable {
    private let first = Mutex<(any Error)?>(nil)
    var error: (any Error)? { first.withLock { $0 } }
    func record(_ error: any Error) { first.withLock { if $0 == nil { $0 = error } } }
}

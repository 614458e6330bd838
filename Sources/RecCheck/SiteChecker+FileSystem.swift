// FoundationEssentials, not Foundation: Foundation brings its own ICU module, which clashes
// with the system ICU headers libxml2's headers include (CLibXML2) in the same module.
import FoundationEssentials

extension SiteChecker {
    /// Reads every regular file under `directory` (recursively, hidden files included, symbolic
    /// links followed) and checks them with ``check(files:)``; paths are relative to `directory`.
    ///
    /// - Throws: when a folder cannot be listed or a file cannot be read.
    public func check(directory: URL) throws -> [SiteProblem] {
        try check(files: Self.readFiles(under: directory))
    }

    /// Relative path ("users/12.html") → bytes of every regular file under `directory`.
    static func readFiles(under directory: URL) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        try readFolder(directory.path, relative: "", into: &files)
        return files
    }

    private static func readFolder(
        _ path: String, relative: String, into files: inout [String: [UInt8]]
    ) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: path).sorted() {
            let childPath = path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var isFolder = false
            guard manager.fileExists(atPath: childPath, isDirectory: &isFolder) else { continue }
            if isFolder {
                try readFolder(childPath, relative: childRelative, into: &files)
            } else {
                files[childRelative] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: childPath)))
            }
        }
    }
}

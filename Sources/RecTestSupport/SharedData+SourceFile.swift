import Foundation
import RecCore

extension SharedData {
    /// Fixture files whose real name is that of a MovieLens ratings file (`u.data`,
    /// `ratings.dat`, `ratings.csv`) are stored with this suffix, so the repository never holds a
    /// file that looks like redistributed MovieLens data; they are hand-written and a few lines long.
    public static let storedSuffix = ".fixture"

    /// A fixture file under `Data/fixtures`, named by its relative path (e.g. "ml-1m-mini/users.dat").
    public static func fixture(_ relativePath: String) throws -> SourceFile {
        var url = fixtures.appendingPathComponent(relativePath)
        if !FileManager.default.fileExists(atPath: url.path) { url = fixtures.appendingPathComponent(relativePath + storedSuffix) }
        return try sourceFile(url, name: relativePath)
    }

    /// The bytes of any file as a `SourceFile` named `name` (default: the last path component).
    public static func sourceFile(_ url: URL, name: String? = nil) throws -> SourceFile {
        SourceFile(name: name ?? url.lastPathComponent, bytes: [UInt8](try Data(contentsOf: url)))
    }

    /// A fixture folder (or a file in one) copied to a fresh temporary folder with the
    /// `.fixture` suffixes removed, so it can be read by path like a real dataset folder.
    /// Returns the path of the copy of `relativePath` (same last components).
    public static func materializedFixture(_ relativePath: String) throws -> String {
        let folder = String(relativePath.split(separator: "/").first ?? Substring(relativePath))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reclens-fixture-\(UUID().uuidString)")
        let copy = root.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path) {
            let target = name.hasSuffix(storedSuffix) ? String(name.dropLast(storedSuffix.count)) : name
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent(folder).appendingPathComponent(name), to: copy.appendingPathComponent(target))
        }
        return root.appendingPathComponent(relativePath).path
    }
}

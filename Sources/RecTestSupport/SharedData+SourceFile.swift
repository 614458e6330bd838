import Foundation
import RecCore

extension SharedData {
    /// A fixture file under `Data/fixtures`, named by its relative path (e.g. "ml-1m-mini/users.dat").
    public static func fixture(_ relativePath: String) throws -> SourceFile {
        try sourceFile(fixtures.appendingPathComponent(relativePath), name: relativePath)
    }

    /// The bytes of any file as a `SourceFile` named `name` (default: the last path component).
    public static func sourceFile(_ url: URL, name: String? = nil) throws -> SourceFile {
        SourceFile(name: name ?? url.lastPathComponent, bytes: [UInt8](try Data(contentsOf: url)))
    }
}

import Foundation
import RecCore
import RecRender

/// The page templates: relative name without extension ("layout", "partials/nav") → text.
public struct TemplateSet: Sendable {
    public var directory: String
    public var files: [String: String]
}

/// Finds and reads the `.mustache` templates.
///
/// Search order: the given folder; `$RECLENS_TEMPLATES`; `<binary>/../share/reclens/templates`
/// (an installed copy, see README "Install"); `<binary>/templates`; the source checkout's
/// `templates/` (a `swift run` or `swift build` binary); `./templates`.
public enum TemplateLoader {
    public static func load(directory: String?) throws -> TemplateSet {
        let folder: String
        if let directory {
            folder = directory
        } else if let found = defaultDirectory() {
            folder = found
        } else {
            throw DataError(file: "templates", "default templates not found; pass --templates DIR or set RECLENS_TEMPLATES")
        }
        let files = try read(folder)
        guard files["layout"] != nil else {
            throw DataError(file: folder, "not a RecLens template folder: expected layout.mustache and the page templates (index, model, user, item, …)")
        }
        return TemplateSet(directory: folder, files: files)
    }

    static func candidates() -> [String] {
        var result: [String] = []
        if let env = ProcessInfo.processInfo.environment["RECLENS_TEMPLATES"], !env.isEmpty { result.append(env) }
        let binary = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        result.append(binary.appendingPathComponent("../share/reclens/templates").standardizedFileURL.path)
        result.append(binary.appendingPathComponent("templates").path)
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { source.deleteLastPathComponent() }
        result.append(source.appendingPathComponent("templates").path)
        result.append(FileManager.default.currentDirectoryPath + "/templates")
        return result
    }

    static func defaultDirectory() -> String? {
        candidates().first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("layout.mustache")) }
    }

    /// The bundled templates' folder: the default search without `$RECLENS_TEMPLATES`.
    static func bundledDirectory() -> String? {
        let environment = ProcessInfo.processInfo.environment["RECLENS_TEMPLATES"]
        return candidates().first {
            $0 != environment && FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("layout.mustache"))
        }
    }

    private static func read(_ folder: String) throws -> [String: String] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError(file: folder, "template folder not found")
        }
        guard let enumerator = fm.enumerator(atPath: folder) else { throw DataError(file: folder, "cannot list the template folder") }
        var files: [String: String] = [:]
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".mustache") else { continue }
            let path = (folder as NSString).appendingPathComponent(relative)
            guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw DataError(file: path, "cannot read the template as UTF-8 text")
            }
            files[String(relative.dropLast(".mustache".count))] = text
        }
        return files
    }
}

extension TemplateSet {
    /// The renderer over these templates; a template that does not parse (or a missing one) is a
    /// `DataError` naming its file and line.
    public func renderer(pageFigures: Bool = false) throws -> SiteRenderer {
        do {
            return try SiteRenderer(templates: files, pageFigures: pageFigures)
        } catch let error as TemplateError {
            throw DataError(file: (directory as NSString).appendingPathComponent(error.template + ".mustache"), line: error.line ?? 0, error.message)
        }
    }
}

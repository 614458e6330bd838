/// What link checking needs to know about a whole site: which files exist and which anchors
/// (`id`s and `<a name>`s) each HTML or SVG file defines.
struct SiteIndex: Sendable {
    /// Every file, by its path relative to the site root ("users/12.html").
    var files: Set<String>
    /// Anchors by file, for the files that were parsed (HTML and SVG).
    var anchors: [String: Set<String>]

    /// The problem with `link`, written in `file`, or nil when it resolves.
    /// Only `.local` URLs are checked; the caller reports external ones.
    func problem(with link: LinkReference, in file: String) -> SiteProblem? {
        guard case .local(let path, let fragment) = ParsedURL(link.url) else { return nil }
        let target: String
        if path.isEmpty {
            target = file
        } else {
            guard let resolved = Self.resolve(path, from: file), let existing = existingFile(resolved)
            else { return SiteProblem(file: file, line: link.line, message: "broken link: \(link.url)") }
            target = existing
        }
        guard let fragment, !fragment.isEmpty, let targetAnchors = anchors[target] else { return nil }
        if targetAnchors.contains(fragment) { return nil }
        // HTML scrolls to the top for "#top" when no element has that id.
        if target.hasSuffix(".html"), fragment.lowercased() == "top" { return nil }
        return SiteProblem(file: file, line: link.line, message: "missing anchor: #\(fragment) in \(target)")
    }

    /// The file a resolved path names: itself, or `index.html` inside it when it is a folder.
    /// A folder without `index.html` is not accepted.
    private func existingFile(_ resolved: (path: String, isFolder: Bool)) -> String? {
        if !resolved.isFolder, files.contains(resolved.path) { return resolved.path }
        let index = resolved.path.isEmpty ? "index.html" : resolved.path + "/index.html"
        return files.contains(index) ? index : nil
    }

    /// Resolves a decoded `path` written in `file` to a path relative to the site root, handling
    /// `.`, `..` and a leading `/` (the site root). Nil when it climbs above the root.
    /// `isFolder` is true when the path ends with `/`, `.` or `..`.
    static func resolve(_ path: String, from file: String) -> (path: String, isFolder: Bool)? {
        var components: [Substring] = []
        if !path.hasPrefix("/") {
            components = file.split(separator: "/", omittingEmptySubsequences: true)
            components.removeLast()  // the file's own name
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        var isFolder = false
        for (position, part) in parts.enumerated() {
            let isLast = position == parts.count - 1
            switch part {
            case "", ".":
                isFolder = isLast
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
                isFolder = isLast
            default:
                components.append(part)
                isFolder = false
            }
        }
        return (components.joined(separator: "/"), isFolder)
    }

    /// A file key in normal form: no leading `./` or `/`, no empty or `.` components.
    static func normalizedKey(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}

/// What link checking needs to know about a whole site: which files exist and which anchors
/// (`id`s and `<a name>`s) each HTML or SVG file defines.
struct SiteIndex: Sendable {
    /// One file of the site.
    struct Entry: Sendable {
        /// Anchors of a parsed HTML or SVG file; nil for other files (fragments not checked).
        var anchors: Set<String>?
    }

    /// Every file by its path relative to the site root ("users/12.html").
    var entries: [String: Entry]

    /// The problem with `link`, written in `file` (in folder `folder`, "" at the root), or nil
    /// when it resolves.
    func problem(with link: LinkReference, in file: String, folder: String) -> SiteProblem? {
        let target: String
        let entry: Entry
        if link.path.isEmpty {
            guard let own = entries[file] else { return nil }
            (target, entry) = (file, own)
        } else {
            guard let resolved = Self.resolve(link.path, inFolder: folder), let found = lookUp(resolved) else {
                return SiteProblem(file: file, line: link.line, message: "broken link: \(link.url)")
            }
            (target, entry) = found
        }
        guard let fragment = link.fragment, !fragment.isEmpty, let anchors = entry.anchors else { return nil }
        if anchors.contains(fragment) { return nil }
        // HTML scrolls to the top for "#top" when no element has that id.
        if !target.hasSuffix(".svg"), fragment.lowercased() == "top" { return nil }
        return SiteProblem(file: file, line: link.line, message: "missing anchor: #\(fragment) in \(target)")
    }

    /// The file a resolved path names: itself, or `index.html` inside it when it is a folder.
    /// A folder without `index.html` is not accepted.
    private func lookUp(_ resolved: (path: String, isFolder: Bool)) -> (String, Entry)? {
        if !resolved.isFolder, let entry = entries[resolved.path] { return (resolved.path, entry) }
        let index = resolved.path.isEmpty ? "index.html" : resolved.path + "/index.html"
        return entries[index].map { (index, $0) }
    }

    /// Resolves a decoded `path` written in a file of `folder` ("" for the root) to a path
    /// relative to the site root, handling `.`, `..` and a leading `/` (the site root). Nil when
    /// it climbs above the root. `isFolder` is true when the path ends with `/`, `.` or `..`.
    static func resolve(_ path: String, inFolder folder: String) -> (path: String, isFolder: Bool)? {
        let isPlainName = !path.utf8.contains(UInt8(ascii: "/")) && path != "." && path != ".."
        if isPlainName { return (folder.isEmpty ? path : folder + "/" + path, false) }
        var components: [Substring] = []
        if !path.hasPrefix("/") { components = folder.split(separator: "/") }
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

    /// The folder of `file` relative to the site root ("users/12.html" → "users", "a.html" → "").
    static func folder(of file: String) -> String {
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(file[..<slash])
    }

    /// A file key in normal form: no leading `./` or `/`, no empty or `.` components.
    static func normalizedKey(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}

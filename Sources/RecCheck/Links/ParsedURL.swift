/// What a URL written in a page points at, as far as a static site cares.
enum ParsedURL: Equatable {
    /// `http:`, `https:`, `ftp:`, `file:` or protocol-relative `//host/...`: outside the site.
    case external
    /// Another scheme (`mailto:`, `data:`, `tel:`, `javascript:`...): not checked.
    case otherScheme
    /// A relative (or site-root-relative `/x`) reference. `path` is percent-decoded with the
    /// query removed, "" for the same document; `fragment` is percent-decoded, nil when absent.
    case local(path: String, fragment: String?)

    private static let externalSchemes: Set<String> = ["http", "https", "ftp", "file"]

    /// Classifies `raw`, which may carry HTML's surrounding whitespace.
    init(_ raw: String) {
        let url = raw.trimmingASCIIWhitespace()
        if url.hasPrefix("//") || url.hasPrefix("\\\\") {
            self = .external
            return
        }
        if let scheme = Self.scheme(of: url) {
            self = Self.externalSchemes.contains(scheme) ? .external : .otherScheme
            return
        }
        var rest = Substring(url)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = PercentDecoding.decode(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        self = .local(path: PercentDecoding.decode(rest), fragment: fragment)
    }

    /// The lowercased scheme (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`).
    private static func scheme(of url: String) -> String? {
        var scheme = ""
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: ":"):
                return scheme.isEmpty ? nil : scheme.lowercased()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "."):
                if scheme.isEmpty { return nil }
                scheme.append(Character(Unicode.Scalar(byte)))
            default:
                return nil
            }
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace (as HTML strips URLs).
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { " \t\n\r\u{0C}".contains($0) }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}

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
        var copy = raw
        self = copy.withUTF8 { ParsedURL(utf8: $0) }
    }

    /// Classifies the UTF-8 bytes of a URL, which may carry surrounding whitespace.
    init(utf8 raw: UnsafeBufferPointer<UInt8>) {
        let url = URLBytes.trimmed(raw)
        let slash = UInt8(ascii: "/")
        let backslash = UInt8(ascii: "\\")
        if url.count >= 2, url[url.startIndex] == slash || url[url.startIndex] == backslash,
            url[url.startIndex + 1] == slash || url[url.startIndex + 1] == backslash
        {
            self = .external
            return
        }
        if let scheme = URLBytes.scheme(of: url) {
            self = Self.externalSchemes.contains(scheme) ? .external : .otherScheme
            return
        }
        var pathEnd = url.endIndex
        var fragment: String?
        if let hash = url.firstIndex(of: UInt8(ascii: "#")) {
            fragment = PercentDecoding.decode(url[(hash + 1)...])
            pathEnd = hash
        }
        if let question = url[..<pathEnd].firstIndex(of: UInt8(ascii: "?")) { pathEnd = question }
        self = .local(path: PercentDecoding.decode(url[..<pathEnd]), fragment: fragment)
    }
}

/// Byte-level helpers for URLs held as UTF-8.
enum URLBytes {
    /// `bytes` without leading and trailing ASCII whitespace (as HTML strips URLs).
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// The lowercased scheme (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`).
    static func scheme(of url: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        for index in url.indices {
            let byte = url[index]
            switch byte {
            case UInt8(ascii: ":"):
                guard index > url.startIndex else { return nil }
                return String(decoding: url[..<index], as: UTF8.self).lowercased()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "."):
                if index == url.startIndex { return nil }
            default:
                return nil
            }
        }
        return nil
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace (as HTML strips URLs).
    func trimmingASCIIWhitespace() -> String {
        var copy = self
        return copy.withUTF8 { String(decoding: URLBytes.trimmed($0), as: UTF8.self) }
    }
}

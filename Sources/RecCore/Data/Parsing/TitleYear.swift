/// Year of release from a title such as "Toy Story (1995)" or "Land Before Time III (1995) (V)":
/// the last "(YYYY)" with 1800 ≤ YYYY ≤ 2100, or nil.
func releaseYear(ofTitle title: String) -> Int? {
    let bytes = Array(title.utf8)
    var i = bytes.count - 6
    while i >= 0 {
        if bytes[i] == UInt8(ascii: "("), bytes[i + 5] == UInt8(ascii: ")"),
            bytes[(i + 1)...(i + 4)].allSatisfy({ $0 &- 48 < 10 })
        {
            let year = bytes[(i + 1)...(i + 4)].reduce(0) { $0 * 10 + Int($1 - 48) }
            if (1800...2100).contains(year) { return year }
        }
        i -= 1
    }
    return nil
}

/// An item's display info from its title (trimmed of surrounding spaces) and genres.
func itemInfo(title raw: String, genres: [Int]) -> ItemInfo {
    let title = raw.trimmingSpaces()
    return ItemInfo(title: title, genres: genres.sorted(), year: releaseYear(ofTitle: title))
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}

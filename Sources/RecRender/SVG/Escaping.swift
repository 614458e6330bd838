extension String {
    /// The string escaped for HTML/XML text and double- or single-quoted attribute values:
    /// `&`, `<`, `>`, `"` and `'` become entities. Control characters other than tab, LF and CR
    /// (invalid in XML 1.0) are dropped.
    public var xmlEscaped: String {
        var needs = false
        for byte in utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) {
            needs = true
            break
        }
        guard needs else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

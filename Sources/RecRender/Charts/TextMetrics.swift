/// Rough text widths for a proportional sans-serif font, used to size margins and truncate labels.
/// Deliberately simple and deterministic: no font files are read.
public enum TextMetrics {
    /// Estimated advance width of `text` at `fontSize` (px), in the same units.
    /// Narrow glyphs (`i l . , '`) count 0.3 em, wide ones (`m w M W`, CJK) 0.85–1 em, others 0.56 em.
    public static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += emWidth(scalar)
        }
        return ems * fontSize
    }

    /// `text` shortened with a trailing `…` so that its estimated width fits `maxWidth`;
    /// unchanged when it already fits. Cuts on grapheme boundaries.
    public static func truncated(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        let budget = maxWidth - width("…", fontSize: fontSize)
        var used = 0.0
        var result = ""
        for character in text {
            let w = width(String(character), fontSize: fontSize)
            if used + w > budget { break }
            used += w
            result.append(character)
        }
        while let last = result.last, last == " " { result.removeLast() }
        return result + "…"
    }

    private static func emWidth(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "i", "l", "j", ".", ",", "'", "!", "|", ":", ";", "I", " ", "t", "f", "r", "(", ")", "[", "]":
            return 0.32
        case "m", "w", "M", "W", "@", "%":
            return 0.85
        case "A"..."Z", "0"..."9":
            return 0.64
        default:
            if scalar.value >= 0x1100 && (0x1100...0x115F ~= scalar.value || 0x2E80...0xA4CF ~= scalar.value
                || 0xAC00...0xD7A3 ~= scalar.value || 0xF900...0xFAFF ~= scalar.value
                || 0xFF00...0xFF60 ~= scalar.value) {
                return 1.0
            }
            if 0x0300...0x036F ~= scalar.value { return 0 }  // combining marks
            return 0.56
        }
    }
}

import RecCore

/// Display formats used on pages (fixed precision, so output is byte-stable).
enum Display {
    static func score(_ x: Float) -> String { formatFixed(Double(x), digits: 3) }
    static func metric(_ x: Double) -> String { formatFixed(x, digits: 4) }
    /// A p-value as "p = 0.031" (3 decimals; 4 just below 0.05, so that a significant one never reads 0.050), "p < 0.001" below that.
    static func pValue(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = " + formatFixed(p, digits: p < 0.05 && p >= 0.0495 ? 4 : 3)
    }
    static func percent(_ x: Double, digits: Int = 1) -> String { formatFixed(x * 100, digits: digits) + " %" }
    static func rating(_ x: Float) -> String { x == x.rounded() ? "\(Int(x))" : formatFixed(Double(x), digits: 1) }

    /// 12345 → "12,345".
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return (n < 0 ? "-" : "") + result
    }

    /// "1997-09-20" (UTC) for Unix seconds.
    static func date(_ seconds: Int64) -> String { CalendarDate(unixSeconds: seconds).isoString }

    /// A human duration between two times: "3 days", "5 months".
    static func duration(_ seconds: Int64) -> String {
        let days = seconds / 86_400
        if days < 1 { return "the same day" }
        if days < 60 { return "\(days) day\(days == 1 ? "" : "s")" }
        if days < 730 { return "\(days / 30) months" }
        return "\(days / 365) years"
    }
}

import Foundation

/// Maps data values to pixel positions, linearly or on a log10 axis, and supplies ticks.
///
/// Build one with ``linear(dataMin:dataMax:range:tickCount:includeZero:)`` (a "nice" domain
/// rounded out to tick steps of 1, 2 or 5 × 10ⁿ) or ``log10(dataMin:dataMax:range:)`` (domain
/// rounded out to whole decades, major ticks at powers of ten, minor ticks at 2…9 × 10ⁿ).
public struct Scale: Sendable {
    /// How values map to positions.
    public enum Kind: Sendable { case linear, log10 }

    /// Linear or log10.
    public let kind: Kind
    /// The domain after rounding out to ticks.
    public let domain: ClosedRange<Double>
    /// Pixel position of `domain.lowerBound` and of `domain.upperBound` (may be decreasing, as for y).
    public let range: (start: Double, end: Double)
    /// Major tick values, ascending, inside `domain`.
    public let ticks: [Double]
    /// Minor tick values (log scales only), ascending.
    public let minorTicks: [Double]
    /// Distance between major ticks (log scales: 1, in decades).
    public let tickStep: Double

    /// A linear scale whose domain covers `dataMin...dataMax` (and 0 if `includeZero`), rounded out
    /// to about `tickCount` nice ticks. Equal or non-finite bounds are widened so the scale is valid.
    public static func linear(dataMin: Double, dataMax: Double, range: (start: Double, end: Double),
                              tickCount: Int = 6, includeZero: Bool = false) -> Scale {
        var lo = dataMin.isFinite ? dataMin : 0
        var hi = dataMax.isFinite ? dataMax : 1
        if lo > hi { swap(&lo, &hi) }
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.5
            lo -= pad
            hi += pad
            if includeZero && dataMin >= 0 { lo = max(lo, 0) }
        }
        let step = niceStep((hi - lo) / Double(max(tickCount - 1, 1)))
        // Tolerate rounding noise: 30/10 must give 3, not 4.
        let first = (lo / step + 1e-9).rounded(.down)
        let last = (hi / step - 1e-9).rounded(.up)
        let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        return Scale(kind: .linear, domain: first * step...last * step, range: range, ticks: ticks,
                     minorTicks: [], tickStep: step)
    }

    /// A log10 scale over the positive values `dataMin...dataMax`. Data spanning more than two
    /// decades get whole decades (at least one) with major ticks at powers of ten; narrower data
    /// get the nearest 1, 2 or 5 × 10ⁿ bounds around them and a labelled tick at every 1, 2 and
    /// 5 × 10ⁿ inside, so that a curve between 0.03 and 0.05 is read against 0.02 and 0.05, not
    /// only 0.01 and 0.1. Non-positive or non-finite bounds fall back to 1...10.
    public static func log10(dataMin: Double, dataMax: Double, range: (start: Double, end: Double)) -> Scale {
        let lo = dataMin.isFinite && dataMin > 0 ? dataMin : 1
        let hi = dataMax.isFinite && dataMax > 0 ? max(dataMax, lo) : max(lo, 10)
        if Foundation.log10(hi / lo) <= 2 { return narrowLog10(lo, hi, range: range) }
        var low = Int((Foundation.log10(lo) + 1e-9).rounded(.down))
        var high = Int((Foundation.log10(hi) - 1e-9).rounded(.up))
        if high <= low { high = low + 1 }
        low = max(low, -300)
        high = min(high, 300)
        let decades = high - low
        let majorEvery = max(1, (decades + 7) / 8)
        var ticks: [Double] = []
        var minor: [Double] = []
        for exponent in low...high {
            if (exponent - low) % majorEvery == 0 { ticks.append(powerOfTen(exponent)) }
            if exponent < high && decades <= 6 {
                for m in 2...9 { minor.append(Double(m) * powerOfTen(exponent)) }
            }
        }
        return Scale(kind: .log10, domain: powerOfTen(low)...powerOfTen(high), range: range, ticks: ticks,
                     minorTicks: minor, tickStep: 1)
    }

    /// `log10` for data within two decades: bounds and major ticks on the 1-2-5 sequence,
    /// minor ticks at the other integers × 10ⁿ.
    private static func narrowLog10(_ lo: Double, _ hi: Double, range: (start: Double, end: Double)) -> Scale {
        let first = Int((Foundation.log10(lo) + 1e-9).rounded(.down)) - 1
        let last = Int((Foundation.log10(hi) - 1e-9).rounded(.up)) + 1
        let nice = (first...last).flatMap { e in [1.0, 2, 5].map { scaledByPowerOfTen($0, e) } }
        let low = nice.last { $0 <= lo * (1 + 1e-9) } ?? nice[0]
        var high = nice.first { $0 >= hi * (1 - 1e-9) } ?? nice[nice.count - 1]
        if high <= low { high = nice.first { $0 > low } ?? low * 2 }
        let ticks = nice.filter { $0 >= low * (1 - 1e-9) && $0 <= high * (1 + 1e-9) }
        let minor = (first...last).flatMap { e in [3.0, 4, 6, 7, 8, 9].map { scaledByPowerOfTen($0, e) } }
            .filter { $0 > low && $0 < high }
        return Scale(kind: .log10, domain: low...high, range: range, ticks: ticks, minorTicks: minor, tickStep: 1)
    }

    /// A linear scale over exactly `domain` with no ticks (for custom tick sets, e.g. dates).
    public static func fixed(domain: ClosedRange<Double>, range: (start: Double, end: Double)) -> Scale {
        Scale(kind: .linear, domain: domain, range: range, ticks: [], minorTicks: [], tickStep: 1)
    }

    /// The pixel position of `value`. Log scales map non-positive values to the range start.
    public func callAsFunction(_ value: Double) -> Double {
        let t: Double
        switch kind {
        case .linear:
            let span = domain.upperBound - domain.lowerBound
            t = span == 0 ? 0.5 : (value - domain.lowerBound) / span
        case .log10:
            guard value > 0 else { return range.start }
            let lo = Foundation.log10(domain.lowerBound)
            let hi = Foundation.log10(domain.upperBound)
            t = (Foundation.log10(value) - lo) / (hi - lo)
        }
        return range.start + t * (range.end - range.start)
    }

    /// The label for a major tick: ``formatTick(_:step:)`` on linear scales, ``formatCompact(_:significantDigits:)`` on log.
    public func label(_ value: Double) -> String {
        kind == .linear ? formatTick(value, step: tickStep) : formatCompact(value)
    }

    /// The 1, 2 or 5 × 10ⁿ nearest `raw` on a log scale (raw > 0), as d3 does: thresholds at
    /// √2, √10 and √50 times a power of ten.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite && raw > 0 else { return 1 }
        let exponent = Int(Foundation.log10(raw).rounded(.down))
        let fraction = scaledByPowerOfTen(raw, -exponent)
        let nice: Double = fraction >= 7.0710678 ? 10 : fraction >= 3.1622777 ? 5 : fraction >= 1.4142136 ? 2 : 1
        return scaledByPowerOfTen(nice, exponent)
    }
}

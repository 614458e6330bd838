// Deterministic, locale-independent number formatting for SVG, HTML and CSV.
// Foundation's `String(format:)` is slow and locale-dependent, so these work on integers.

import Foundation

/// Formats `x` with exactly `digits` digits after the decimal point (0...15), rounding half away
/// from zero on the binary value (so `1.005` prints `1.00`, as `printf` does).
///
/// A result that rounds to zero never carries a sign (`-0.001` → `"0.00"`). NaN prints `"NaN"`,
/// infinities `"inf"` and `"-inf"`. Values beyond ±9×10¹⁵ after scaling fall back to the
/// integer part plus zeros. Complexity O(digits).
public func formatFixed(_ x: Double, digits: Int) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let digits = min(max(digits, 0), 15)
    let scale = powerOfTen(digits)
    let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else {
        let whole = abs(x).rounded(.toNearestOrAwayFromZero)
        let integer = whole < 1.8e19 ? String(UInt64(whole)) : "\(whole)"
        let sign = x < 0 ? "-" : ""
        return digits == 0 ? sign + integer : sign + integer + "." + String(repeating: "0", count: digits)
    }
    let n = UInt64(scaled)
    return decimalString(scaled: n, digits: digits, negative: x < 0 && n != 0, trimmingZeros: false)
}

/// `scaled` / 10^`digits` in decimal: the integer part (at least one digit), then a point and
/// `digits` fraction digits (zero-padded), or with `trimmingZeros` only up to the last non-zero
/// one (no point when none is left); a leading `-` when `negative`. The digits are written into
/// one small buffer, right to left, and become a `String` once: charts format every coordinate
/// and tables every cell, and building the text from `String(Int)` pieces was ~13 % of drawing
/// an ego graph.
func decimalString(scaled: UInt64, digits: Int, negative: Bool, trimmingZeros: Bool) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
        var i = buffer.count, v = scaled, fractionDigits = digits
        if trimmingZeros {
            while fractionDigits > 0 && v % 10 == 0 {
                v /= 10
                fractionDigits -= 1
            }
        }
        for _ in 0..<fractionDigits {
            i -= 1
            buffer[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
        if fractionDigits > 0 {
            i -= 1
            buffer[i] = UInt8(ascii: ".")
        }
        repeat {
            i -= 1
            buffer[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        } while v > 0
        if negative {
            i -= 1
            buffer[i] = UInt8(ascii: "-")
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[i...]), as: UTF8.self)
    }
}

/// Formats an SVG coordinate or length: at most 2 decimals, trailing zeros dropped
/// (`12.5`, `3`, `-0.25`). Non-finite input prints `"0"` so output stays valid SVG.
public func formatCoordinate(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let scaled = (abs(x) * 100).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return formatFixed(x, digits: 0) }
    let n = UInt64(scaled)
    return decimalString(scaled: n, digits: 2, negative: x < 0 && n != 0, trimmingZeros: true)
}

/// A short, human label for a number, for axes, legends and cell values:
/// `1200` → `"1.2k"`, `1e6` → `"1M"`, `0.05` → `"0.05"`, `123.456` → `"123"`, `2.5e-5` → `"2.5e-5"`.
///
/// Rounds to `significantDigits` (1...15, default 3) significant digits, drops trailing zeros,
/// uses the suffixes k, M, G, T for |x| ≥ 1000 and `e` notation below 0.001 or from 10¹⁵.
/// Never prints `-0`. NaN prints `"NaN"`, infinities `"∞"` and `"-∞"`.
public func formatCompact(_ x: Double, significantDigits: Int = 3) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "-∞" : "∞" }
    if x == 0 { return "0" }
    let digits = min(max(significantDigits, 1), 15)
    var exponent = Int((log10(abs(x))).rounded(.down))
    // Round to the significant digits first; rounding may carry into the next power of ten.
    var mantissa = scaledByPowerOfTen(abs(x), -(exponent - digits + 1)).rounded(.toNearestOrAwayFromZero)
    if mantissa >= powerOfTen(digits) {
        mantissa /= 10
        exponent += 1
    }
    if mantissa == 0 { return "0" }
    let rounded = scaledByPowerOfTen(x < 0 ? -mantissa : mantissa, exponent - digits + 1)
    if exponent < -3 || exponent >= 15 {
        let m = scaledByPowerOfTen(rounded, -exponent)
        return trimmedFixed(m, digits: digits - 1) + "e" + String(exponent)
    }
    let suffixes: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (unit, suffix) in suffixes where abs(rounded) >= unit {
        let decimals = max(0, digits - 1 - (exponent - Int(log10(unit))))
        return trimmedFixed(rounded / unit, digits: decimals) + suffix
    }
    return trimmedFixed(rounded, digits: max(0, digits - 1 - exponent))
}

/// Labels a tick `value` on an axis whose ticks are `step` apart, with just enough decimals that
/// neighbouring ticks differ: step 0.25 → `"0.75"`, step 200 → `"1200"`, and from 10 000 the
/// suffixes k/M/G (`"12.5k"`). Never prints `-0`.
public func formatTick(_ value: Double, step: Double) -> String {
    guard value.isFinite else { return formatCompact(value) }
    let step = step.isFinite && step > 0 ? step : max(abs(value), 1)
    let magnitude = abs(value)
    let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (unit, suffix) in units where magnitude >= unit && magnitude >= 1e4 {
        return trimmedFixed(value / unit, digits: decimalsFor(step / unit)) + suffix
    }
    return trimmedFixed(value, digits: decimalsFor(step))
}

/// Decimals needed to print multiples of `step` exactly (up to 10).
func decimalsFor(_ step: Double) -> Int {
    var decimals = 0
    var s = step
    while decimals < 10 && abs(s - s.rounded()) > 1e-6 * max(1, abs(s)) {
        s *= 10
        decimals += 1
    }
    return decimals
}

/// `formatFixed` without trailing zeros (and without a trailing decimal point).
func trimmedFixed(_ x: Double, digits: Int) -> String {
    var s = formatFixed(x, digits: digits)
    guard s.utf8.contains(UInt8(ascii: ".")) else { return s }
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
}

/// x·10ⁿ, multiplying or dividing by an exact power of ten so e.g. 5·10⁻² is the double nearest 0.05.
func scaledByPowerOfTen(_ x: Double, _ n: Int) -> Double {
    n >= 0 ? x * powerOfTen(n) : x / powerOfTen(-n)
}

/// 10ⁿ for integer n, exact for |n| ≤ 22.
func powerOfTen(_ n: Int) -> Double {
    let table: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
                           1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]
    if n >= 0 && n < table.count { return table[n] }
    if n < 0 && -n < table.count { return 1 / table[-n] }
    return pow(10, Double(n))
}

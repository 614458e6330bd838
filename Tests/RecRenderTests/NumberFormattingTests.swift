@testable import RecRender
import Testing

@Suite struct NumberFormattingTests {
    @Test(arguments: [
        (1.0, 2, "1.00"), (0.125, 2, "0.13"), (-0.125, 2, "-0.13"), (2.5, 0, "3"), (-2.5, 0, "-3"),
        (1.005, 2, "1.00"), (123_456.789, 1, "123456.8"), (0.0001, 3, "0.000"), (7, 0, "7"), (0.05, 4, "0.0500"),
    ])
    func fixedRounding(value: Double, digits: Int, expected: String) {
        #expect(formatFixed(value, digits: digits) == expected)
    }

    @Test func fixedNeverPrintsNegativeZero() {
        #expect(formatFixed(-0.0, digits: 2) == "0.00")
        #expect(formatFixed(-0.001, digits: 2) == "0.00")
        #expect(formatFixed(-0.004, digits: 0) == "0")
        #expect(formatCoordinate(-0.001) == "0")
    }

    @Test func fixedHandlesNonFiniteAndHuge() {
        #expect(formatFixed(.nan, digits: 2) == "NaN")
        #expect(formatFixed(.infinity, digits: 2) == "inf")
        #expect(formatFixed(-.infinity, digits: 2) == "-inf")
        #expect(formatFixed(1e17, digits: 2) == "100000000000000000.00")
        #expect(formatFixed(-3e16, digits: 0) == "-30000000000000000")
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(formatCoordinate(12.5) == "12.5")
        #expect(formatCoordinate(3) == "3")
        #expect(formatCoordinate(-0.25) == "-0.25")
        #expect(formatCoordinate(1.0 / 3) == "0.33")
        #expect(formatCoordinate(0.07) == "0.07")
        #expect(formatCoordinate(.nan) == "0")
    }

    @Test(arguments: [
        (1200.0, "1.2k"), (1e6, "1M"), (0.05, "0.05"), (123.456, "123"), (999_999, "1M"), (2.5e-5, "2.5e-5"),
        (-1500, "-1.5k"), (0, "0"), (-0.0, "0"), (1, "1"), (0.001, "0.001"), (12_345_678, "12.3M"), (3e9, "3G"),
        (0.1 + 0.2, "0.3"), (1e-4, "1e-4"),
    ])
    func compact(value: Double, expected: String) {
        #expect(formatCompact(value) == expected)
    }

    @Test func compactNonFinite() {
        #expect(formatCompact(.nan) == "NaN")
        #expect(formatCompact(.infinity) == "∞")
    }

    @Test func tickLabelsDistinguishNeighbours() {
        #expect(formatTick(0.75, step: 0.25) == "0.75")
        #expect(formatTick(1200, step: 200) == "1200")
        #expect(formatTick(12_500, step: 500) == "12.5k")
        #expect(formatTick(10_010, step: 10) == "10.01k")
        #expect(formatTick(0.1 * 3, step: 0.1) == "0.3")
        #expect(formatTick(-0.0, step: 1) == "0")
    }
}

/// The digit writer behind `formatFixed` and `formatCoordinate` against the decimal text spelled
/// out with `String(n)`: zero-padded to `digits + 1` digits, a point before the last `digits`,
/// trailing fraction zeros dropped for coordinates.
@Suite struct DecimalStringTests {
    static func reference(_ n: UInt64, digits: Int, negative: Bool, trimming: Bool) -> String {
        var text = String(n)
        if text.count < digits + 1 { text = String(repeating: "0", count: digits + 1 - text.count) + text }
        var integer = String(text.dropLast(digits)), fraction = String(text.suffix(digits))
        if trimming { while fraction.hasSuffix("0") { fraction.removeLast() } }
        if integer.isEmpty { integer = "0" }
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }

    @Test func matchesTheSpelledOutDecimalText() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values: [UInt64] = [0, 1, 9, 10, 99, 100, 101, 1_000, 8_999_999_999_999_999]
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append((state >> 11) % (state % 3 == 0 ? 1_000 : 9_000_000_000_000_000))
        }
        for n in values {
            for digits in 0...15 {
                for trimming in [false, true] {
                    let negative = n % 2 == 1
                    #expect(RecRender.decimalString(scaled: n, digits: digits, negative: negative, trimmingZeros: trimming)
                            == Self.reference(n, digits: digits, negative: negative, trimming: trimming))
                }
            }
        }
        #expect(formatCoordinate(-0.005) == "-0.01" && formatCoordinate(0.1) == "0.1" && formatCoordinate(100) == "100")
        #expect(formatFixed(-1.5, digits: 3) == "-1.500" && formatFixed(0.5, digits: 0) == "1")
    }
}

import Foundation

/// A diverging colour scale centred at 0 and symmetric in magnitude: `-maxMagnitude` and
/// `+maxMagnitude` get the two end colours, 0 the neutral near-white `#f7f7f7`.
///
/// Colours are ColorBrewer PuOr hues (colour-blind safe), interpolated linearly in sRGB:
/// negative values are orange/brown, positive values purple. The orange arm is re-sampled so that
/// at equal |value| both arms have the same CIE L* lightness (plain PuOr's purple end is ~20 L*
/// darker, which would make positive values look stronger). Values beyond the range clamp;
/// NaN maps to nil (draw an empty cell).
public struct DivergingColorScale: Sendable {
    /// The magnitude that maps to the end colours (≥ 0). With 0 every finite value is neutral.
    public let maxMagnitude: Double

    /// Stops from most negative to most positive, equally spaced (lightness-matched PuOr).
    public static let stops: [(r: Int, g: Int, b: Int)] = [
        (0x7f, 0x3b, 0x08), (0xbe, 0x62, 0x0a), (0xef, 0x9e, 0x3d), (0xfe, 0xd4, 0x9e), (0xf7, 0xf7, 0xf7),
        (0xd8, 0xda, 0xeb), (0xb2, 0xab, 0xd2), (0x80, 0x73, 0xac), (0x5f, 0x3a, 0x91),
    ]
    /// The colour of 0.
    public static let neutral = "#f7f7f7"

    /// A scale whose ends are ±`maxMagnitude` (negative or non-finite input is treated as 0).
    public init(maxMagnitude: Double) {
        self.maxMagnitude = maxMagnitude.isFinite ? max(0, maxMagnitude) : 0
    }

    /// A scale symmetric around 0 covering the largest finite |value| in `values`.
    public init<S: Sequence>(values: S) where S.Element == Double {
        var m = 0.0
        for v in values where v.isFinite { m = max(m, abs(v)) }
        self.init(maxMagnitude: m)
    }

    /// `value / maxMagnitude` clamped to -1...1 (0 when the scale is degenerate); nil for NaN.
    public func position(_ value: Double) -> Double? {
        if value.isNaN { return nil }
        guard maxMagnitude > 0 else { return 0 }
        return min(1, max(-1, value / maxMagnitude))
    }

    /// The sRGB colour of `value` (components 0...255), nil for NaN.
    public func rgb(_ value: Double) -> (r: Int, g: Int, b: Int)? {
        guard let t = position(value) else { return nil }
        let x = (t + 1) / 2 * Double(Self.stops.count - 1)
        let i = min(Int(x), Self.stops.count - 2)
        let f = x - Double(i)
        let a = Self.stops[i], b = Self.stops[i + 1]
        func mix(_ u: Int, _ v: Int) -> Int { Int((Double(u) + (Double(v) - Double(u)) * f).rounded()) }
        return (mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }

    /// The colour of `value` as `#rrggbb`, nil for NaN.
    public func color(_ value: Double) -> String? {
        guard let c = rgb(value) else { return nil }
        return Self.hex(c)
    }

    /// Whether text drawn on the colour of `value` should be light (the colour is dark).
    public func needsLightText(_ value: Double) -> Bool {
        guard let c = rgb(value) else { return false }
        return Self.relativeLuminance(c) < 0.32
    }

    /// WCAG relative luminance of an sRGB colour, 0 (black) ... 1 (white).
    public static func relativeLuminance(_ c: (r: Int, g: Int, b: Int)) -> Double {
        func channel(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }

    /// Colour steps on each side of 0 used by heatmap cells and their stepped legend.
    public static let stepsPerArm = 8

    /// The colour step of `value`: 0 for exactly 0, else ±1…±``stepsPerArm`` by rounding
    /// |value|/max up (any non-zero value is tinted); nil for NaN.
    public func step(_ value: Double) -> Int? {
        guard let t = position(value) else { return nil }
        if t == 0 { return 0 }
        let k = max(1, min(Self.stepsPerArm, Int((abs(t) * Double(Self.stepsPerArm)).rounded(.up))))
        return t < 0 ? -k : k
    }


    /// The colour of a step: the continuous scale at step/``stepsPerArm`` of the range, except
    /// that ±6 sits a little darker (6.3/8) so that white text on it reaches WCAG AA (4.5:1).
    public func stepColor(_ step: Int) -> (r: Int, g: Int, b: Int) {
        let position = abs(step) == 6 ? 6.3 : Double(abs(step))
        return DivergingColorScale(maxMagnitude: 1).rgb((step < 0 ? -position : position) / Double(Self.stepsPerArm))!
    }

    /// The dark text colour of cell labels (light text is white).
    public static let darkText = (r: 0x1f, g: 0x23, b: 0x28)

    /// Whether a label on `step`'s colour should be white: whichever of white and ``darkText``
    /// contrasts more (every step reaches 4.5:1 with its choice).
    public func stepNeedsLightText(_ step: Int) -> Bool {
        let fill = stepColor(step)
        return Self.contrast(fill, (255, 255, 255)) > Self.contrast(fill, Self.darkText)
    }

    /// WCAG contrast ratio of two colours (1…21).
    public static func contrast(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int)) -> Double {
        let la = relativeLuminance(a), lb = relativeLuminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// `#rrggbb` for a colour.
    public static func hex(_ c: (r: Int, g: Int, b: Int)) -> String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [c.r, c.g, c.b] {
            let v = min(255, max(0, v))
            s.append(digits[v / 16])
            s.append(digits[v % 16])
        }
        return s
    }
}

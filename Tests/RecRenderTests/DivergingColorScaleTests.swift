import Foundation
import RecRender
import Testing

@Suite struct DivergingColorScaleTests {
    let scale = DivergingColorScale(values: [-0.5, 0.2, 2, .nan])

    @Test func zeroIsNeutralAndEndsAreTheEndStops() {
        #expect(scale.maxMagnitude == 2)
        #expect(scale.color(0) == DivergingColorScale.neutral)
        #expect(scale.color(2) == "#5f3a91")
        #expect(scale.color(-2) == "#7f3b08")
        #expect(scale.color(-9) == "#7f3b08")
        #expect(scale.color(.nan) == nil)
    }

    @Test func signSelectsTheHue() {
        for v in [0.1, 0.5, 1, 2] {
            let positive = scale.rgb(v)!, negative = scale.rgb(-v)!
            #expect(positive.b > positive.r, "positive values are purple/blue")
            #expect(negative.r > negative.b, "negative values are orange")
        }
    }

    @Test func magnitudesAreSymmetric() {
        for v in stride(from: 0.0, through: 2, by: 0.25) {
            #expect(scale.position(v) == -(scale.position(-v) ?? .nan))
            // Both arms are lightness-matched at the stops; between stops sRGB mixing keeps L* within 3.
            let lp = lightness(scale.rgb(v)!), ln = lightness(scale.rgb(-v)!)
            #expect(abs(lp - ln) < 3, "similar lightness at ±\(v): L* \(lp) vs \(ln)")
        }
    }

    /// CIE L* (0 black ... 100 white) of an sRGB colour.
    func lightness(_ c: (r: Int, g: Int, b: Int)) -> Double {
        let y = DivergingColorScale.relativeLuminance(c)
        return y > 0.008856 ? 116 * pow(y, 1.0 / 3) - 16 : 903.3 * y
    }

    @Test func allZeroDataGivesANeutralScale() {
        let zero = DivergingColorScale(values: [0, 0, -0.0])
        #expect(zero.maxMagnitude == 0)
        #expect(zero.color(0) == DivergingColorScale.neutral)
    }
}

@testable import RecRender
import Testing

@Suite struct ScaleTests {
    @Test func linearTicksAreNiceAndCoverTheData() {
        let scale = Scale.linear(dataMin: 1, dataMax: 30, range: (0, 300))
        #expect(scale.ticks == [0, 5, 10, 15, 20, 25, 30])
        #expect(scale.domain == 0...30)
        #expect(scale(15) == 150)
    }

    @Test func linearAxisForRatingsStopsAtTheData() {
        let scale = Scale.linear(dataMin: 1, dataMax: 5, range: (200, 0), tickCount: 5)
        #expect(scale.ticks == [1, 2, 3, 4, 5])
        #expect(scale(1) == 200 && scale(5) == 0)
    }

    @Test func degenerateLinearDomainIsWidened() {
        let scale = Scale.linear(dataMin: 0, dataMax: 0, range: (0, 100))
        #expect(scale.domain.lowerBound < 0 && scale.domain.upperBound > 0)
        let counts = Scale.linear(dataMin: 0, dataMax: 0, range: (0, 100), includeZero: true)
        #expect(counts.domain.lowerBound == 0 && counts.domain.upperBound > 0)
    }

    @Test func logTicksAreAtPowersOfTenWithMinorTicks() {
        let scale = Scale.log10(dataMin: 0.03, dataMax: 420, range: (0, 500))
        #expect(scale.ticks == [0.01, 0.1, 1, 10, 100, 1000])
        #expect(scale.domain == 0.01...1000)
        #expect(scale.minorTicks.contains(0.02) && scale.minorTicks.contains(900) && scale.minorTicks.count == 40)
        #expect(abs(scale(1) - 200) < 1e-9)
        #expect(scale.ticks.map(scale.label) == ["0.01", "0.1", "1", "10", "100", "1k"])
    }

    @Test func narrowLogScalesLabelTheOneTwoFiveSequence() {
        let scale = Scale.log10(dataMin: 10, dataMax: 100, range: (0, 1))
        #expect(scale.ticks == [10, 20, 50, 100])
        #expect(scale.domain == 10...100)
        let single = Scale.log10(dataMin: 5, dataMax: 5, range: (0, 1))
        #expect(single.ticks == [5, 10])
        // The learned-λ curve of PMF, between 0.0055 and 0.03: bounds 0.005 and 0.05, no empty decade.
        let lambda = Scale.log10(dataMin: 0.0055, dataMax: 0.03, range: (0, 1))
        #expect(lambda.domain.lowerBound == 0.005 && lambda.domain.upperBound == 0.05)
        #expect(lambda.ticks.map(lambda.label) == ["0.005", "0.01", "0.02", "0.05"])
        #expect(lambda.minorTicks.contains(0.03) && lambda.minorTicks.contains(0.008) && !lambda.minorTicks.contains(0.02))
        // A loss near 0.04 gets labels on both sides of it.
        let loss = Scale.log10(dataMin: 0.035, dataMax: 0.12, range: (0, 1))
        #expect(loss.ticks.contains { $0 < 0.04 } && loss.ticks.contains { $0 > 0.04 && $0 < 0.1 })
    }
}

import RecCore
@testable import RecRender
import Testing

/// `UserPage.first(_:of:by:)`, the one-pass top-k behind the heatmap rows and the top events,
/// against the stable sort it replaces: the same indices in the same order, ties included.
@Suite struct TopSelectionTests {
    @Test func firstEqualsThePrefixOfTheStableSort() {
        var rng = SplitMix64(seed: 5)
        for trial in 0..<400 {
            let n = trial % 40
            // Few distinct values and positions, so ties on both keys are common.
            let value = (0..<n).map { _ in Float(rng.next() % 5) - 2 }
            let position = (0..<n).map { _ in Int(rng.next() % 4) }
            let before: (Int, Int) -> Bool = { value[$0] != value[$1] ? value[$0] > value[$1] : position[$0] > position[$1] }
            let candidates = (0..<n).filter { value[$0] != 0 }
            for count in [0, 1, 3, 8, 50] {
                #expect(UserPage.first(count, of: candidates, by: before) == Array(candidates.sorted(by: before).prefix(count)),
                        "trial \(trial), count \(count)")
            }
        }
    }
}

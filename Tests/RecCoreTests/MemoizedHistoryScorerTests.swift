import Foundation
import RecCore
import Testing

@Suite struct MemoizedHistoryScorerTests {
    /// Counts the masks the wrapped scorer is asked for, per path.
    final class CountingScorer: HistoryScorer, @unchecked Sendable {
        let base: AdditiveScorer
        var fullCalls = 0
        var batchedMasks = 0
        var events: [ScoredHistoryEvent] { base.events }
        var itemCount: Int { base.itemCount }
        init(_ base: AdditiveScorer) { self.base = base }

        func scores(mask: [Float], into scores: inout [Float]) {
            fullCalls += 1
            base.scores(mask: mask, into: &scores)
        }

        func scores(masks: [Float], count: Int, targets: [Int]) -> [Float] {
            batchedMasks += count
            // A batched path that rounds differently from the full one, as some models' do.
            return base.scores(masks: masks, count: count, targets: targets).map { $0 + 0.5 }
        }
    }

    static func scorer() -> CountingScorer {
        CountingScorer(AdditiveScorer(
            historyItems: [0, 1, 2], weights: [[1, 2, 3, 4], [0, 1, 0, 2], [3, 0, 1, 1]], bias: [0.5, 0.25, 0, 1]))
    }

    @Test func fullScoresAreComputedOncePerMaskAndUnchanged() {
        let counting = Self.scorer()
        let memoized = MemoizedHistoryScorer(counting)
        var direct = [Float](repeating: 0, count: 4), first = direct, second = direct
        counting.base.scores(mask: [1, 0, 1], into: &direct)
        memoized.scores(mask: [1, 0, 1], into: &first)
        memoized.scores(mask: [1, 0, 1], into: &second)
        #expect(first == direct && second == direct)
        #expect(counting.fullCalls == 1)
        memoized.scores(mask: [0, 0, 1], into: &first)
        #expect(counting.fullCalls == 2)
    }

    @Test func batchesAskOnlyForNewMasksAndKeepTheBatchedPath() {
        let counting = Self.scorer()
        let memoized = MemoizedHistoryScorer(counting)
        let masks: [Float] = [1, 1, 1, 0, 0, 0, 1, 1, 1]
        let expected = counting.scores(masks: masks, count: 3, targets: [3, 1])
        counting.batchedMasks = 0
        #expect(memoized.scores(masks: masks, count: 3, targets: [3, 1]) == expected)
        #expect(counting.batchedMasks == 2)  // the repeated full mask once
        #expect(memoized.scores(masks: Array(masks[0..<6]), count: 2, targets: [1, 3]) == [expected[1], expected[0], expected[3], expected[2]])
        #expect(counting.batchedMasks == 2)
        // Full-vector results never answer a batched request (the paths may round differently).
        var all = [Float](repeating: 0, count: 4)
        memoized.scores(mask: [0, 1, 0], into: &all)
        #expect(memoized.scores(masks: [0, 1, 0], count: 1, targets: [2]) == [all[2] + 0.5])
    }
}

@testable import RecCore
import Testing

/// The coalitions KernelSHAP samples, on both of the plan's paths (bit masks up to 64 players,
/// word arrays above): distinct rows, each drawn coalition of a paired size followed by its
/// complement (but possibly the last one, when the budget runs out between them), and the
/// budget spent.
@Suite struct KernelSamplingPlanTests {
    @Test(arguments: [40, 63, 64, 65, 70, 130])
    func sampledRowsAreDistinctAndPairedWithTheirComplements(players n: Int) {
        let budget = 301
        let plan = KernelSamplingPlan(playerCount: n, budget: budget, seed: 11)
        let batch = plan.batch
        #expect(batch.count == budget)
        #expect(batch.mask(0).allSatisfy { !$0 } && batch.mask(1).allSatisfy { $0 })
        let rows = (0..<batch.count).map { Array(batch.mask($0)) }
        #expect(Set(rows).count == rows.count)
        let pairedSizeCount = (n - 1) / 2
        var r = 2
        while r < rows.count {
            let size = rows[r].filter { $0 }.count
            #expect(size >= 1 && size <= n - 1)
            let paired = min(size, n - size) <= pairedSizeCount
            if paired && r + 1 < rows.count {
                #expect(rows[r + 1] == rows[r].map { !$0 }, "row \(r + 1) of \(n) players")
                r += 2
            } else {
                r += 1
            }
        }
    }
}

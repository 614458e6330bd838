import Testing
@testable import RecCore

@Suite struct SymmetricSolverTests {
    private func product(_ a: [Double], _ x: [Double], m: Int, k: Int) -> [Double] {
        (0..<(m * k)).map { index in
            let i = index / k, o = index % k
            return (0..<m).reduce(0.0) { $0 + a[i * m + $1] * x[$1 * k + o] }
        }
    }

    @Test func choleskySolvesAPositiveDefiniteSystemForSeveralColumns() {
        let a: [Double] = [4, 1, 0.5, 1, 3, -0.2, 0.5, -0.2, 2]
        let b: [Double] = [1, 0, 2, -1, 0.5, 3]
        let x = SymmetricSolver.solve(a, size: 3, rhs: b, columns: 2)
        #expect(SymmetricSolver.cholesky(a, size: 3, rhs: b, columns: 2) == x)
        for (lhs, rhs) in zip(product(a, x, m: 3, k: 2), b) { #expect(abs(lhs - rhs) < 1e-12) }
    }

    /// A = [[1, 1], [1, 1]] is singular: Cholesky refuses it and the pseudo-inverse gives the
    /// minimum-norm solution of A x = (2, 2), x = (1, 1).
    @Test func singularSystemsGetTheMinimumNormSolution() {
        let a: [Double] = [1, 1, 1, 1]
        #expect(SymmetricSolver.cholesky(a, size: 2, rhs: [2, 2], columns: 1) == nil)
        let x = SymmetricSolver.solve(a, size: 2, rhs: [2, 2], columns: 1)
        #expect(abs(x[0] - 1) < 1e-12 && abs(x[1] - 1) < 1e-12)
    }

    /// Rank 2 in 3 dimensions, A = u uᵀ + w wᵀ: the solution reproduces b in A's range and has
    /// no component along the null vector u × w.
    @Test func pseudoInverseOfARankDeficientMatrix() {
        let u: [Double] = [1, 2, 0], w: [Double] = [0, 1, -1]
        let a: [Double] = (0..<9).map { (index: Int) -> Double in u[index / 3] * u[index % 3] + w[index / 3] * w[index % 3] }
        let b: [Double] = (0..<3).map { (i: Int) -> Double in 2 * u[i] - 0.5 * w[i] }
        let x = SymmetricSolver.pseudoInverse(a, size: 3, rhs: b, columns: 1)
        for (lhs, rhs) in zip(product(a, x, m: 3, k: 1), b) { #expect(abs(lhs - rhs) < 1e-10) }
        let null: [Double] = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]]
        let along: Double = x[0] * null[0] + x[1] * null[1] + x[2] * null[2]
        #expect(abs(along) < 1e-10)
    }
}

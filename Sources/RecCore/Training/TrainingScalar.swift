import Foundation

/// The floating-point types the training objectives are written over: `Float` for training,
/// `Double` for finite-difference gradient checks of the same code.
public protocol TrainingScalar: BinaryFloatingPoint, Sendable {
    /// eˣ.
    static func exponential(_ x: Self) -> Self
    /// ln x, x > 0.
    static func logarithm(_ x: Self) -> Self
    /// ln(1 + x), accurate near 0.
    static func logOnePlus(_ x: Self) -> Self
}

extension Float: TrainingScalar {
    public static func exponential(_ x: Float) -> Float { Foundation.exp(x) }
    public static func logarithm(_ x: Float) -> Float { Foundation.log(x) }
    public static func logOnePlus(_ x: Float) -> Float { Foundation.log1p(x) }
}

extension Double: TrainingScalar {
    public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }
    public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }
    public static func logOnePlus(_ x: Double) -> Double { Foundation.log1p(x) }
}

extension TrainingScalar {
    /// σ(x) = 1 / (1 + e⁻ˣ), evaluated without overflow for large |x|.
    @inlinable public static func sigmoid(_ x: Self) -> Self {
        if x >= 0 { return 1 / (1 + exponential(-x)) }
        let e = exponential(x)
        return e / (1 + e)
    }

    /// softplus(x) = ln(1 + eˣ) = −ln σ(−x), evaluated without overflow.
    @inlinable public static func softplus(_ x: Self) -> Self {
        max(x, 0) + logOnePlus(exponential(-abs(x)))
    }
}

/// Elementwise kernels of the GRU4Rec objective, in place over contiguous arrays. `Float` runs
/// them 16 lanes at a time (`SIMD16`, a Cephes-style exp good to about 2 ulp); `Double` (gradient
/// checks) uses the same formulas one element at a time with the C library's exp. Sums add in a
/// fixed order, so results do not depend on anything but the input.
extension GRUScalar {
    /// vₖ ← exp(vₖ − shift). O(count).
    @inlinable static func exponentiate(_ v: UnsafeMutablePointer<Self>, count: Int, shift: Self) {
        if Self.self == Float.self {
            let f = UnsafeMutableRawPointer(v).assumingMemoryBound(to: Float.self)
            VectorMath.apply(f, count: count) { VectorMath.exp($0 - SIMD16(repeating: Float(shift))) }
        } else {
            for k in 0..<count { v[k] = exponential(v[k] - shift) }
        }
    }

    /// vₖ ← σ(vₖ) = 1 / (1 + e^{−vₖ}). O(count).
    @inlinable static func logistic(_ v: UnsafeMutablePointer<Self>, count: Int) {
        if Self.self == Float.self {
            let f = UnsafeMutableRawPointer(v).assumingMemoryBound(to: Float.self)
            VectorMath.apply(f, count: count) { 1 / (1 + VectorMath.exp(-$0)) }
        } else {
            for k in 0..<count { v[k] = 1 / (1 + exponential(-v[k])) }
        }
    }

    /// vₖ ← tanh vₖ, as 2σ(2vₖ) − 1 (absolute error ≈ 1e-7 in Float). O(count).
    @inlinable static func hyperbolicTangents(_ v: UnsafeMutablePointer<Self>, count: Int) {
        if Self.self == Float.self {
            let f = UnsafeMutableRawPointer(v).assumingMemoryBound(to: Float.self)
            VectorMath.apply(f, count: count) { 2 / (1 + VectorMath.exp(-2 * $0)) - 1 }
        } else {
            for k in 0..<count { v[k] = 2 / (1 + exponential(-2 * v[k])) - 1 }
        }
    }

    /// Σ vₖ: 16 interleaved partial sums (Float) combined in a fixed order, or left to right.
    @inlinable static func sum(_ v: UnsafePointer<Self>, count: Int) -> Self {
        if Self.self == Float.self {
            return Self(VectorMath.sum(UnsafeRawPointer(v).assumingMemoryBound(to: Float.self), count: count))
        }
        var total: Self = 0
        for k in 0..<count { total += v[k] }
        return total
    }

    /// Σ aₖbₖ: 16 interleaved partial sums (Float) combined in a fixed order, or left to right.
    @inlinable static func dot(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, count: Int) -> Self {
        if Self.self == Float.self {
            let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
            var lanes = SIMD16<Float>(repeating: 0)
            var k = 0
            while k + 16 <= count {
                lanes += x.loadUnaligned(fromByteOffset: k * 4, as: SIMD16<Float>.self) * y.loadUnaligned(fromByteOffset: k * 4, as: SIMD16<Float>.self)
                k += 16
            }
            let fa = x.assumingMemoryBound(to: Float.self), fb = y.assumingMemoryBound(to: Float.self)
            for j in k..<count { lanes[j - k] += fa[j] * fb[j] }
            var total: Float = 0
            for j in 0..<16 { total += lanes[j] }
            return Self(total)
        }
        var total: Self = 0
        for k in 0..<count { total += a[k] * b[k] }
        return total
    }

    /// yₖ += α·xₖ (elementwise, so the lane width does not change results). O(count).
    @inlinable static func addScaled(_ alpha: Self, _ x: UnsafePointer<Self>, to y: UnsafeMutablePointer<Self>, count: Int) {
        if Self.self == Float.self {
            let source = UnsafeRawPointer(x), target = UnsafeMutableRawPointer(y)
            let a = SIMD16<Float>(repeating: Float(alpha))
            var k = 0
            while k + 16 <= count {
                let sum = target.loadUnaligned(fromByteOffset: k * 4, as: SIMD16<Float>.self) + a * source.loadUnaligned(fromByteOffset: k * 4, as: SIMD16<Float>.self)
                target.storeBytes(of: sum, toByteOffset: k * 4, as: SIMD16<Float>.self)
                k += 16
            }
            for j in k..<count { y[j] += alpha * x[j] }
            return
        }
        for k in 0..<count { y[k] += alpha * x[k] }
    }

    /// max vₖ (count > 0).
    @inlinable static func maximum(_ v: UnsafePointer<Self>, count: Int) -> Self {
        var m = v[0]
        for k in 1..<max(1, count) where v[k] > m { m = v[k] }
        return m
    }
}

/// SIMD16 kernels for `Float`.
@usableFromInline enum VectorMath {
    /// eˣ for |x| ≲ 88 (inputs clamped to [−87.3, 88.3]: tiny results stay ≈ 1e-38, never 0).
    @inlinable @inline(__always) static func exp(_ input: SIMD16<Float>) -> SIMD16<Float> {
        var x = input
        x.replace(with: -87.3, where: x .< -87.3)
        x.replace(with: 88.3, where: x .> 88.3)
        // Round x·log₂e to an integer n by adding 1.5·2²³ (whose last mantissa bits then hold n).
        let magic = SIMD16<Float>(repeating: 12_582_912)
        let shifted = x * 1.44269504088896341 + magic
        let n = shifted - magic
        let r = x - n * 0.693359375 + n * 2.12194440e-4
        var p = SIMD16<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * r * r + r + 1
        let exponent = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000 &+ 127
        return y * unsafeBitCast(exponent &<< 23, to: SIMD16<Float>.self)
    }

    /// vₖ ← f(vₖ), 16 at a time; the tail goes through a zero-padded vector.
    @inlinable @inline(__always) static func apply(_ v: UnsafeMutablePointer<Float>, count: Int, _ f: (SIMD16<Float>) -> SIMD16<Float>) {
        let raw = UnsafeMutableRawPointer(v)
        var k = 0
        while k + 16 <= count {
            raw.storeBytes(of: f(raw.loadUnaligned(fromByteOffset: k * 4, as: SIMD16<Float>.self)), toByteOffset: k * 4, as: SIMD16<Float>.self)
            k += 16
        }
        if k < count {
            var tail = SIMD16<Float>(repeating: 0)
            for j in k..<count { tail[j - k] = v[j] }
            tail = f(tail)
            for j in k..<count { v[j] = tail[j - k] }
        }
    }

    /// Σ vₖ with 16 lane sums, then the lanes in order.
    @inlinable static func sum(_ v: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(v)
        var lanes = SIMD16<Float>(repeating: 0)
        var k = 0
        while k + 16 <= count {
            lanes += raw.loadUnaligned(fromByteOffset: k * 4, as: SIMD16<Float>.self)
            k += 16
        }
        for j in k..<count { lanes[j - k] += v[j] }
        var total: Float = 0
        for j in 0..<16 { total += lanes[j] }
        return total
    }
}
